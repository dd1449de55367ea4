namespace Wisp.Push.Senders;

/// <summary>The services this server offers, by name: UnifiedPush always, APNs and Firebase when configured.</summary>
internal sealed class SenderSet(IEnumerable<INotificationSender> senders)
{
    private readonly Dictionary<string, INotificationSender> _byName = senders.ToDictionary(s => s.Service, StringComparer.Ordinal);

    /// <summary>True when <paramref name="service"/> is offered.</summary>
    public bool Offers(string service) => _byName.ContainsKey(service);

    /// <summary>The sender of <paramref name="service"/>; null when it is not offered (any more).</summary>
    public INotificationSender? Find(string service) => _byName.GetValueOrDefault(service);

    /// <summary>The services' names.</summary>
    public IEnumerable<string> Names => _byName.Keys;
}
