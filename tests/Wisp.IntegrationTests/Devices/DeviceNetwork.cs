using Wisp.IntegrationTests.Support;

namespace Wisp.IntegrationTests.Devices;

/// <summary>The network the device tests share: <c>wisp up</c> with 6 node processes.</summary>
public sealed class DeviceNetwork : LocalNetworkFixture
{
    protected override int NodeCount => 6;
}

/// <summary>
/// The device classes share one <see cref="DeviceNetwork"/>: each test makes its own accounts in a Wisp home of its own
/// and never stops or changes a node, so none sees another's state.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeviceCollection : ICollectionFixture<DeviceNetwork>
{
    public const string Name = "Device groups";
}
