using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Wisp.Dht;

namespace Wisp.Direct.Punching;

/// <summary>
/// What this endpoint's socket looks like from outside: open only when the DHT's reachability check (PING_NAT,
/// answered from another port) got a datagram through to it unsolicited, else the class and addresses from pinging DHT
/// nodes from it. Re-sampled until settled; the check runs once (and again after <see cref="Reset"/>); thread-safe.
/// Being seen at its own address and port is not enough: a host firewall in front of an un-NATed socket drops
/// unsolicited datagrams just as a NAT does, and such a socket is classified by its samples (consistent).
/// </summary>
public sealed class NatView(DhtNode dht)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NatClassifier _classifier = new();
    private bool _checked;

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
            if (!_checked && dht.Firewalled)
            {
                _checked = true;
                await dht.CheckFirewallAsync(ct);
            }
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

    /// <summary>Forgets the samples and the check (after a network change).</summary>
    public void Reset()
    {
        _classifier = new NatClassifier();
        _checked = false;
    }

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
