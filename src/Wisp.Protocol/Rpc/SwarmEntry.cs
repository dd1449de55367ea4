using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>One member's entry in a recursive reply's <c>"swarm"</c> map: its signed result, or why there is none.</summary>
public sealed class SwarmEntry<T> : IRpcResponse<SwarmEntry<T>> where T : class, IRpcResponse<T>
{
    private SwarmEntry(T? result, SwarmFailure? failure)
    {
        Result = result;
        Failure = failure;
    }

    /// <summary>The member's result, or null when it failed.</summary>
    public T? Result { get; }

    /// <summary>Why the member has no result, or null when it has one.</summary>
    public SwarmFailure? Failure { get; }

    /// <summary>A result.</summary>
    public static SwarmEntry<T> Of(T result) => new(result ?? throw new ArgumentNullException(nameof(result)), null);

    /// <summary>A failure.</summary>
    public static SwarmEntry<T> Failed(SwarmFailure failure) => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));

    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        if (Result is not null)
            Result.Write(writer);
        else
            Failure!.Write(writer);
    }

    /// <summary>Reads an entry; a member's answer that is neither a failure nor a <typeparamref name="T"/> is not one.</summary>
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out SwarmEntry<T>? value)
    {
        value = null;
        if (SwarmFailure.TryRead(json, out var failure))
            value = Failed(failure);
        else if (T.TryRead(json, out var result))
            value = Of(result);
        return value is not null;
    }
}
