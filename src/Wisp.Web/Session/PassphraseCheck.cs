namespace Wisp.Web.Session;

/// <summary>Whether a new passphrase is strong enough, as the client SDK judges it.</summary>
internal static class PassphraseCheck
{
    /// <summary>
    /// Why <paramref name="passphrase"/> is too weak to protect an account, or null when it will do. The one place the
    /// web app asks, before creating, restoring or re-protecting a profile. The client SDK's check
    /// (<c>PassphraseStrength.Check</c>, on the <c>client</c> branch) plugs in here once merged:
    /// <c>return Wisp.Client.Account.PassphraseStrength.Check(passphrase);</c>. Until then every passphrase passes.
    /// </summary>
    public static string? WeakReason(ReadOnlySpan<char> passphrase)
    {
        _ = passphrase;
        return null;
    }
}
