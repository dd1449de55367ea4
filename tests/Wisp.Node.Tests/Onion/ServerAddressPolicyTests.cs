using System.Net;
using Wisp.Node.Onion;

namespace Wisp.Node.Tests.Onion;

/// <summary>Which resolved addresses the server relay connects to: public ones, and others only when the operator allows them.</summary>
public sealed class ServerAddressPolicyTests
{
    private static readonly ServerAddressPolicy Default = new(new ServerProxyOptions());

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:100.64.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:7f00:1::")]
    public void A_non_public_address_is_refused(string address) =>
        Assert.NotNull(Default.AddressRefusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:1.1.1.1")]
    public void A_public_address_is_allowed(string address) =>
        Assert.Null(Default.AddressRefusal(IPAddress.Parse(address)));

    [Fact]
    public void An_allowlisted_network_is_allowed_and_nothing_around_it()
    {
        var (options, problems) = ServerProxyOptions.Parse(["127.0.0.1", "10.9.0.0/16"], [8443]);
        var policy = new ServerAddressPolicy(options);

        Assert.Empty(problems);
        Assert.Null(policy.AddressRefusal(IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.AddressRefusal(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Null(policy.AddressRefusal(IPAddress.Parse("10.9.200.1")));
        Assert.NotNull(policy.AddressRefusal(IPAddress.Parse("127.0.0.2")));
        Assert.NotNull(policy.AddressRefusal(IPAddress.Parse("10.8.0.1")));
        Assert.Null(policy.PortRefusal(8443));
        Assert.NotNull(policy.PortRefusal(443));
    }

    [Fact]
    public void Only_443_and_80_are_allowed_by_default() =>
        Assert.Equal([80, 443], Enumerable.Range(1, 65535).Where(port => Default.PortRefusal(port) is null));

    [Fact]
    public void Options_that_do_not_read_are_named_problems()
    {
        var (_, problems) = ServerProxyOptions.Parse(["localhost", "10.0.0.0/33"], [0, 70000]);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--server-allow: 'localhost'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--server-ports: 70000", StringComparison.Ordinal));
    }
}
