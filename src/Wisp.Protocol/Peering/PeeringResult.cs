namespace Wisp.Protocol.Peering;

/// <summary>The outcome of reading a node-to-node message: the value, or a sentence naming the first problem.</summary>
public readonly record struct PeeringResult<T>(T? Value, string? Problem) where T : class
{
    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool Ok => Problem is null && Value is not null;

    /// <summary>A read value.</summary>
    public static implicit operator PeeringResult<T>(T value) => new(value, null);

    /// <summary>A failure naming <paramref name="problem"/>.</summary>
    public static PeeringResult<T> Fail(string problem) => new(null, problem);
}
