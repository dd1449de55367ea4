using Wisp.Client.Account;

namespace Wisp.Web.Session;

/// <summary>Whether a new passphrase is strong enough, as the client SDK judges it.</summary>
internal static class PassphraseCheck
{
    /// <summary>
    /// Why <paramref name="passphrase"/> is too weak to protect an account, or null when it will do. The one place the
    /// web app asks: the client SDK's weak-passphrase check plugs in here (until it lands, every passphrase passes).
    /// </summary>
    public static string? WeakReason(Passphrase passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        return null;
    }
}
