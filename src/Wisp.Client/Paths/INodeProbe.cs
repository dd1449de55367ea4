namespace Wisp.Client.Paths;

/// <summary>Tests a node directly before the client trusts it as a guard.</summary>
internal interface INodeProbe
{
    /// <summary>True when <paramref name="node"/> answered correctly and in time.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<bool> TestAsync(ServiceNode node, CancellationToken cancellationToken);
}
