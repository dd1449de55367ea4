namespace Wisp.Client.Attachments;

/// <summary>
/// The URL an attachment pointer carries when the file went on a direct session instead of to the file server:
/// <c>wisp-direct:</c> and the transfer id in lowercase hex. The receiver finds the ciphertext it kept by the pointer's
/// digest; the id only tells the pointer apart from a file server's and names the transfer in logs.
/// </summary>
internal static class DirectFileUrl
{
    /// <summary>The scheme and its colon.</summary>
    public const string Prefix = "wisp-direct:";

    /// <summary>The URL of transfer <paramref name="transferId"/>.</summary>
    public static string Of(ReadOnlySpan<byte> transferId) => Prefix + Convert.ToHexStringLower(transferId);

    /// <summary>True when <paramref name="url"/> names a file that came on a direct session.</summary>
    public static bool Is(string? url) => url is not null && url.StartsWith(Prefix, StringComparison.Ordinal);
}
