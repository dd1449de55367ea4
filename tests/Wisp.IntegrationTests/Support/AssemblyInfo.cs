// Integration tests start several node processes each; on a 2-core machine they run one at a time.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
