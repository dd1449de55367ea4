using Tmds.DBus.Protocol;

namespace Wisp.Cli.Commands.Push;

/// <summary>
/// Desktop notifications through the freedesktop notification service (<c>org.freedesktop.Notifications.Notify</c> on
/// the session bus), when a session bus with that service is running; otherwise <see cref="TryConnectAsync"/> gives
/// null and the daemon prints a line instead. The D-Bus call is made with Tmds.DBus.Protocol rather than by spawning
/// <c>notify-send</c>, which is often not installed and would cost a process per message.
/// </summary>
internal sealed class DesktopNotifier : IDisposable
{
    private const string Service = "org.freedesktop.Notifications";
    private const string ObjectPath = "/org/freedesktop/Notifications";
    private readonly DBusConnection _connection;

    private DesktopNotifier(DBusConnection connection) => _connection = connection;

    /// <summary>A notifier over the session bus, or null (with why) when there is no bus or no notification service on it.</summary>
    public static async Task<(DesktopNotifier? Notifier, string? Why)> TryConnectAsync()
    {
        if (DBusAddress.Session is not { Length: > 0 } address)
            return (null, "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
            var services = await connection.ListServicesAsync().ConfigureAwait(false);
            if (!services.Contains(Service, StringComparer.Ordinal))
            {
                connection.Dispose();
                return (null, $"no {Service} service on the session bus");
            }
            return (new DesktopNotifier(connection), null);
        }
        catch (Exception e) when (e is DBusConnectionException or DBusErrorReplyException or DBusMessageException or IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            connection.Dispose();
            return (null, $"the session bus cannot be reached: {e.Message}");
        }
    }

    /// <summary>Shows one notification; null when it was shown, else why not (the caller prints the line instead).</summary>
    public async Task<string?> ShowAsync(string summary, string body)
    {
        try
        {
            await _connection.CallMethodAsync(Notify(summary, body)).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is DBusConnectionException or DBusErrorReplyException or DBusMessageException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            return e.Message;
        }
    }

    // Notify(app_name s, replaces_id u, app_icon s, summary s, body s, actions as, hints a{sv}, expire_timeout i) → u
    private MessageBuffer Notify(string summary, string body)
    {
        var writer = _connection.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(Service, ObjectPath, Service, "Notify", "susssasa{sv}i", MessageFlags.None);
            writer.WriteString("Wisp");
            writer.WriteUInt32(0);
            writer.WriteString("mail-message-new");
            writer.WriteString(summary);
            writer.WriteString(body);
            writer.WriteArray(Array.Empty<string>());
            writer.WriteDictionary(new Dictionary<string, VariantValue> { ["category"] = "im.received" });
            writer.WriteInt32(-1); // the server's default timeout
            return writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
    }

    public void Dispose() => _connection.Dispose();
}
