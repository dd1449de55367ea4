using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
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
/// <para>Nor is it a port scanner for what lies behind the node: only the operator's ports, and only public addresses
/// or those the operator allows (<see cref="ServerAddressPolicy"/>). <see cref="RefusalAsync"/> tells the client why
/// before any call; the connection itself is made by this class on an address it checked after resolving, on every
/// connect, so a name that resolves to a public address first and a loopback one later gets no connection.</para>
/// </summary>
public sealed class ServerProxy : IDisposable
{
    private static readonly MediaTypeHeaderValue OctetStream = new(OnionReply.OctetStream);
    private static readonly ProductInfoHeaderValue UserAgent = new("Wisp-Node",
        typeof(ServerProxy).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    private readonly HttpMessageInvoker _client;
    private readonly ServerAddressPolicy _policy;
    private readonly TimeProvider _time;

    /// <summary>A proxy that calls the servers <paramref name="options"/> allow, its waits measured on <paramref name="time"/>.</summary>
    public ServerProxy(TimeProvider time, ServerProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _policy = new ServerAddressPolicy(options);
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // An environment proxy would make the connection to an address this class never checked.
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        });
    }

    /// <summary>
    /// Null when <paramref name="url"/>'s port is allowed and its host resolves to at least one allowed address; else
    /// the refusal, in words for the client. A host that does not resolve is left to the call (it fails as unreachable).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_policy.PortRefusal(url.Port) is { } port)
            return port;
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return null;
        }
        var refusals = addresses.Select(_policy.AddressRefusal).ToList();
        return refusals.Count > 0 && refusals.All(refusal => refusal is not null) ? refusals[0] : null;
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

    /// <summary>Every connection: resolve, keep only allowed addresses on an allowed port, connect to one of those.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        if (_policy.PortRefusal(endpoint.Port) is { } portRefusal)
            throw new HttpRequestException(HttpRequestError.ConnectionError, portRefusal);
        var addresses = await ResolveAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(address => _policy.AddressRefusal(address) is null).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                addresses.Length == 0 ? $"{endpoint.Host} has no address" : _policy.AddressRefusal(addresses[0]));
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses of <paramref name="host"/>: itself when it is an address literal, else what DNS answers.</summary>
    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
}
