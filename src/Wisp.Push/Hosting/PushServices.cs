using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Push.Api;
using Wisp.Push.Delivery;
using Wisp.Push.Onion;
using Wisp.Push.Senders;
using Wisp.Push.Storage;
using Wisp.Push.Watch;

namespace Wisp.Push.Hosting;

/// <summary>The push server's services: storage, the senders the options offer, the API, the background loops.</summary>
internal static class PushServices
{
    public static IServiceCollection AddPushServer(
        this IServiceCollection services, PushServerOptions options, TimeProvider time, PushDatabase database, X25519KeyPair key,
        INodeRegistry? registry)
    {
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(database);
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<WakeSignal>();
        services.AddSingleton<NotificationIntake>();
        services.AddSingleton(_ => new SenderSet(CreateSenders(options, time)));
        services.AddSingleton<PushApi>();
        services.AddSingleton(provider =>
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Wisp.Push");
            return new OnionV4Handler(key, provider.GetRequiredService<PushApi>(), exception => OnionLog.Failed(logger, exception));
        });
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliveryWorker>());
        services.AddSingleton<ExpirySweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<ExpirySweeper>());
        if (registry is not null)
        {
            services.AddSingleton(registry);
            services.AddSingleton<SwarmWatcher>();
            services.AddHostedService(provider => provider.GetRequiredService<SwarmWatcher>());
        }
        return services;
    }

    private static List<INotificationSender> CreateSenders(PushServerOptions options, TimeProvider time)
    {
        var senders = new List<INotificationSender> { new UnifiedPushSender(SenderHttp.Create(options.AllowPrivateEndpoints), time, options.AllowPrivateEndpoints) };
        // The providers' own URLs come from the operator, so they are not held to the public-address rule.
        if (options.Apns is { } apns) senders.Add(new ApnsSender(SenderHttp.Create(allowPrivate: true), apns));
        if (options.Firebase is { } firebase) senders.Add(new FirebaseSender(SenderHttp.Create(allowPrivate: true), firebase));
        return senders;
    }
}

internal static partial class OnionLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "An onion request failed")]
    public static partial void Failed(ILogger logger, Exception exception);
}
