using System.Net.Http.Headers;
using System.Reflection;
using Wisp.Node.NodeLinks;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Onion;

/// <summary>
/// The last hop's call to an HTTP server (community, file or push server) for a client: a POST of the whole
/// decrypted layer <c>[N][ciphertext]{json}</c> to <c>protocol://host[:port]/target</c>, as Session does, the server
/// decrypting the ciphertext with its own key. Only targets that pass
/// <see cref="OnionTargets.IsAllowedServerTarget"/> (<c>/oxen/v4/lsrpc</c> and the older <c>/loki|oxen/…/lsrpc</c>,
/// no query) are called, so a path is not an open HTTP proxy. No redirects; the answer is relayed unchanged, up to
/// <see cref="OnionRelayLimits.MaxRelayedResponseBytes"/>.
/// </summary>
public sealed class ServerProxy : IDisposable
{
    private static readonly MediaTypeHeaderValue OctetStream = new(OnionReply.OctetStream);
    private static readonly ProductInfoHeaderValue UserAgent = new("Wisp-Node",
        typeof(ServerProxy).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    });

    private readonly TimeProvider _time;

    /// <summary>A proxy whose waits are measured on <paramref name="time"/>.</summary>
    public ServerProxy(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>
    /// The URL the instruction names, or null when its target is not allowed or it does not make a URL
    /// (a host with spaces, say).
    /// </summary>
    public static Uri? TargetUrl(RelayToServerInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        if (!instruction.IsTargetAllowed || instruction.Protocol is not ("http" or "https")) return null;
        if (instruction.Host.Length == 0 || instruction.Host.AsSpan().IndexOfAny("/?#@\\ ") >= 0) return null;
        try
        {
            var builder = new UriBuilder(instruction.Protocol, instruction.Host, instruction.Port) { Path = instruction.Target };
            var url = builder.Uri;
            // UriBuilder escapes; the server must get exactly the allowed path, no query or fragment smuggled in.
            return url.AbsolutePath == instruction.Target && url.Query.Length == 0 && url.Fragment.Length == 0 ? url : null;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    /// <summary>POSTs <paramref name="payload"/> to <paramref name="url"/> and returns the server's answer, or why there is none.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<UpstreamResponse> PostAsync(Uri url, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(payload) { Headers = { ContentType = OctetStream } },
        };
        request.Headers.UserAgent.Add(UserAgent);
        return await UpstreamResponse.SendAsync(
            _client, request, timeout, _time, OnionRelayLimits.MaxRelayedResponseBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose() => _client.Dispose();
}
