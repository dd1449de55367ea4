using Wisp.Crypto.Keys;
using Wisp.Crypto.Mnemonic;

namespace Wisp.Client.Account;

/// <summary>What can be known about a profile without its passphrase.</summary>
/// <param name="Profile">The profile's name.</param>
/// <param name="Directory">Its directory.</param>
/// <param name="AccountId">The account's Account ID.</param>
/// <param name="Ed25519PublicKey">The account's Ed25519 public key.</param>
/// <param name="UsesPassphrase">Whether a passphrase protects it.</param>
public sealed record ProfileSummary(ProfileName Profile, string Directory, AccountId AccountId, Ed25519PublicKey Ed25519PublicKey, bool UsesPassphrase);

/// <summary>A new account, saved and open, and the 24-word recovery phrase to show its owner once.</summary>
public sealed class NewAccount(OpenAccount account, string recoveryPhrase) : IDisposable
{
    /// <summary>The account, saved and open.</summary>
    public OpenAccount Account { get; } = account;

    /// <summary>Its 24-word recovery phrase: the whole identity. Show it once; never log it.</summary>
    public string RecoveryPhrase { get; } = recoveryPhrase;

    /// <summary>Closes the account.</summary>
    public void Dispose() => Account.Dispose();

    /// <summary>Never prints the phrase.</summary>
    public override string ToString() => $"NewAccount({Account})";
}

/// <summary>A restored account, saved and open, and which kind of phrase it was restored from.</summary>
public sealed class RestoredAccount(OpenAccount account, RecoveryPhraseKind kind) : IDisposable
{
    /// <summary>The account, saved and open.</summary>
    public OpenAccount Account { get; } = account;

    /// <summary>The kind of recovery phrase it came from.</summary>
    public RecoveryPhraseKind Kind { get; } = kind;

    /// <summary>Closes the account.</summary>
    public void Dispose() => Account.Dispose();

    /// <summary>Names the account and the kind.</summary>
    public override string ToString() => $"RestoredAccount({Account}, {Kind})";
}
