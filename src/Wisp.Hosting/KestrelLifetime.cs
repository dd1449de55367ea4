using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Wisp.Hosting;

/// <summary>Why Kestrel could not listen, as far as a person choosing a port or host can act on it.</summary>
internal enum ListenFailure
{
    /// <summary>Not a listening problem (or one with no advice): rethrow it.</summary>
    Other,

    /// <summary>Another process holds the port.</summary>
    AddressInUse,

    /// <summary>The port needs privileges (below 1024 on most systems).</summary>
    AccessDenied,

    /// <summary>The host is not an address of this machine.</summary>
    AddressNotAvailable,
}

/// <summary>
/// What every Wisp server does around its <see cref="WebApplication"/>'s start and stop: read the port it bound, wait
/// for a request to stop, stop once with a bounded drain, and name why it could not listen.
/// </summary>
internal static class KestrelLifetime
{
    /// <summary>The port Kestrel listens on (the one a port 0 was given); 0 while it has not started.</summary>
    public static int BoundPort(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.Select(address => new Uri(address).Port).FirstOrDefault(port => port != 0) ?? 0;
    }

    /// <summary>Waits until <paramref name="stopping"/> or <paramref name="cancellationToken"/> is signalled.</summary>
    public static async Task WaitForShutdownAsync(CancellationToken stopping, CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            // Either one is a request to stop.
        }
    }

    /// <summary>True for the first call on <paramref name="stopped"/> only: disposing after a stop does not stop twice.</summary>
    public static bool FirstStop(ref int stopped) => Interlocked.Exchange(ref stopped, 1) == 0;

    /// <summary>Stops accepting connections and lets requests in flight finish, for at most <paramref name="drain"/>.</summary>
    public static async Task StopAsync(WebApplication app, TimeSpan drain)
    {
        using var timeout = new CancellationTokenSource(drain);
        await app.StopAsync(timeout.Token);
    }

    /// <summary>What kind of listening failure <paramref name="exception"/> (thrown by the start) is.</summary>
    public static ListenFailure Classify(Exception exception) => exception switch
    {
        IOException { InnerException: AddressInUseException } => ListenFailure.AddressInUse,
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.AccessDenied } } => ListenFailure.AccessDenied,
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressNotAvailable } } => ListenFailure.AddressNotAvailable,
        _ => ListenFailure.Other,
    };

    /// <summary>
    /// The sentence for a port in use or needing privileges, naming the option (<c>--port</c>, <c>--listen</c>), or null
    /// when <paramref name="exception"/> is neither.
    /// </summary>
    public static string? PortProblem(Exception exception, string option, string host, int port) => Classify(exception) switch
    {
        ListenFailure.AddressInUse => $"{option}: port {port} on {host} is already in use. Choose another, or 0 for a free one.",
        ListenFailure.AccessDenied => $"{option}: port {port} needs privileges; choose one above 1023, or 0 for a free one.",
        _ => null,
    };
}
