namespace Wisp.Protocol.Storage;

/// <summary>
/// Which namespaces a delete_all, delete_before or expire_all applies to: one namespace, or every namespace
/// (Session's <c>"namespace": "all"</c>).
/// </summary>
public readonly record struct NamespaceScope
{
    private NamespaceScope(int? single) => Single = single;

    /// <summary>Every namespace of the address.</summary>
    public static NamespaceScope All => new(null);

    /// <summary>One namespace.</summary>
    public static NamespaceScope Of(int ns) => new(ns);

    /// <summary>The single namespace, or null for every namespace.</summary>
    public int? Single { get; }

    /// <summary>True for every namespace.</summary>
    public bool IsAll => Single is null;

    /// <summary>The text signed for this scope: "" for 0, "all" for every namespace, the decimal number otherwise.</summary>
    public string ToSignatureText() => Single is { } ns ? Namespaces.ToSignatureText(ns) : Namespaces.AllText;

    /// <summary>The signature text.</summary>
    public override string ToString() => ToSignatureText();
}
