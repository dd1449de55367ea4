using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Wisp.Dht;

namespace Wisp.Direct.Punching;

/// <summary>
/// What this endpoint's socket looks like from outside: open when the DHT found it reachable unsolicited, else the
/// class and addresses from pinging DHT nodes from it. Re-sampled until settled; thread-safe.
/// </summary>
public sealed class NatView(DhtNode dht)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NatClassifier _classifier = new();

    /// <summary>The class as last determined.</summary>
    public NatClass Class { get; private set; }

    /// <summary>Our public address(es) to advertise (port 0 = random NAT), last determined.</summary>
    public IReadOnlyList<IPEndPoint> PublicAddresses { get; private set; } = [];

    /// <summary>Classifies (again, unless settled) and returns the class.</summary>
    public async Task<NatClass> RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!dht.Firewalled && dht.PublicEndPoint is { Port: not 0 } open)
            {
                Class = NatClass.Open;
                PublicAddresses = [open];
                return Class;
            }
            if (_classifier.Class is NatClass.Consistent or NatClass.Random && _classifier.Settled)
                return Class;
            for (var attempt = 0; attempt < 2 && !_classifier.Settled; attempt++)
            {
                var samples = await dht.SampleNatAsync(null, Limits.NatSamplePings, ct);
                foreach (var reply in samples.Replies) _classifier.Add(new NatSample(reply.ObservedAddress, reply.Node));
            }
            Class = _classifier.Class;
            PublicAddresses = _classifier.Addresses();
            return Class;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the samples (after a network change).</summary>
    public void Reset() => _classifier = new NatClassifier();

    /// <summary>This machine's own IPv4 addresses (not loopback) with <paramref name="port"/>: for peers on the same LAN.</summary>
    public static IReadOnlyList<IPEndPoint> LanAddresses(int port)
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
                .Select(a => new IPEndPoint(a.Address, port))
                .Take(Limits.MaxAddresses - 2)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
