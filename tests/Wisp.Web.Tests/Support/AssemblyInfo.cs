// The messaging tests start a network of node processes; on a 2-core machine the classes run one at a time.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
