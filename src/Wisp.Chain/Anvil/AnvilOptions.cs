namespace Wisp.Chain.Anvil;

/// <summary>How to start a local Anvil chain.</summary>
public sealed record AnvilOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 lets the system choose a free one.</summary>
    public int Port { get; init; }

    /// <summary>Seconds between blocks, or null to mine one block per transaction (Anvil's default).</summary>
    /// <remarks>
    /// A registry with a confirmation depth above 0 needs blocks to keep coming when nothing is sent, or the last
    /// changes wait for confirmations forever; <c>wisp up --chain</c> therefore mines one block a second.
    /// </remarks>
    public int? BlockTimeSeconds { get; init; }

    /// <summary>The chain id Anvil reports (31337 is Anvil's own default).</summary>
    public long ChainId { get; init; } = 31337;

    /// <summary>How many funded development accounts Anvil makes (their keys are in <see cref="AnvilProcess.DevKeys"/>).</summary>
    public int Accounts { get; init; } = 10;

    /// <summary>A file to load the chain's state from at start and write it to at exit, or null for a fresh chain.</summary>
    public string? StatePath { get; init; }

    /// <summary>The anvil binary, or null to find it with <see cref="AnvilLocator"/>.</summary>
    public string? BinaryPath { get; init; }
}
