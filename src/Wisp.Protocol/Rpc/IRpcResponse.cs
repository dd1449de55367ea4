using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>A storage RPC reply body (or part of one) that writes itself as one JSON value.</summary>
public interface IRpcResponse
{
    /// <summary>Writes the value, object keys in Session's order (ascending, as its JSON library sorts them).</summary>
    void Write(Utf8JsonWriter writer);

    /// <summary>
    /// About how many bytes <see cref="Write"/> produces when that may be large (a retrieve's answer), else 0: the
    /// writer's buffer is then made that big at once instead of doubling its way there, which would leave several
    /// times the answer's size of garbage behind.
    /// </summary>
    int SizeHint => 0;
}

/// <summary>A reply body that can also be read back from JSON (the client's side of the same record).</summary>
public interface IRpcResponse<TSelf> : IRpcResponse where TSelf : IRpcResponse<TSelf>
{
    /// <summary>Reads the value; false (never an exception) when <paramref name="json"/> does not have its shape.</summary>
    static abstract bool TryRead(JsonElement json, [NotNullWhen(true)] out TSelf? value);
}
