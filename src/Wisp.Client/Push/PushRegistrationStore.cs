using System.Globalization;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;

namespace Wisp.Client.Push;

/// <summary>
/// The account's push registrations (migration 14): one row per service and endpoint, with the notification key
/// encrypted at rest under the data key.
/// </summary>
internal sealed class PushRegistrationStore(LocalStore db)
{
    /// <summary>Every registration, soonest to expire first.</summary>
    public IReadOnlyList<PushRegistration> All()
    {
        lock (db.Gate)
        {
            using var command = db.Command("""
                SELECT service, endpoint, server_url, server_key, namespaces, want_data, subscribed_at, expires_at, last_error
                FROM push_registrations ORDER BY expires_at, service, endpoint
                """);
            using var reader = command.ExecuteReader();
            var rows = new List<PushRegistration>();
            while (reader.Read())
            {
                rows.Add(new PushRegistration(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ParseNamespaces(reader.GetString(4)),
                    reader.GetInt64(5) != 0, reader.GetInt64(6), reader.GetInt64(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
            return rows;
        }
    }

    /// <summary>The notification key of a registration, or null when there is none (or it does not decrypt).</summary>
    public byte[]? EncKey(string service, string endpoint)
    {
        lock (db.Gate)
        {
            return db.Scalar("SELECT enc_key FROM push_registrations WHERE service = $s AND endpoint = $e", ("$s", service), ("$e", endpoint)) is byte[] stored
                   && ClientSchema.PushEncKey.TryDecrypt(db.Key, RowKey(service, endpoint), stored, out var key) ? key : null;
        }
    }

    /// <summary>Every notification key kept (a notification names no registration, so each is tried).</summary>
    public IReadOnlyList<byte[]> EncKeys()
    {
        lock (db.Gate)
        {
            using var command = db.Command("SELECT service, endpoint, enc_key FROM push_registrations");
            using var reader = command.ExecuteReader();
            var keys = new List<byte[]>();
            while (reader.Read())
            {
                if (ClientSchema.PushEncKey.TryDecrypt(db.Key, RowKey(reader.GetString(0), reader.GetString(1)), (byte[])reader.GetValue(2), out var key))
                    keys.Add(key);
            }
            return keys;
        }
    }

    /// <summary>Adds or replaces a registration the server accepted, with its key.</summary>
    public void Save(PushRegistration registration, ReadOnlySpan<byte> encKey)
    {
        var stored = ClientSchema.PushEncKey.Encrypt(db.Key, RowKey(registration.Service, registration.Endpoint), encKey);
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO push_registrations (service, endpoint, server_url, server_key, enc_key, namespaces, want_data, subscribed_at, expires_at, last_error)
                VALUES ($s, $e, $url, $key, $enc, $ns, $data, $at, $exp, NULL)
                ON CONFLICT (service, endpoint) DO UPDATE SET server_url = $url, server_key = $key, enc_key = $enc, namespaces = $ns,
                    want_data = $data, subscribed_at = $at, expires_at = $exp, last_error = NULL
                """,
                ("$s", registration.Service), ("$e", registration.Endpoint), ("$url", registration.ServerUrl), ("$key", registration.ServerKey),
                ("$enc", stored), ("$ns", FormatNamespaces(registration.Namespaces)), ("$data", registration.WantData ? 1 : 0),
                ("$at", registration.SubscribedAtMs), ("$exp", registration.ExpiresAtMs));
        }
    }

    /// <summary>Records why a renewal failed (the registration stays until its life ends).</summary>
    public void Failed(string service, string endpoint, string error)
    {
        lock (db.Gate)
            db.Execute("UPDATE push_registrations SET last_error = $err WHERE service = $s AND endpoint = $e", ("$err", error), ("$s", service), ("$e", endpoint));
    }

    /// <summary>Forgets a registration; false when there was none.</summary>
    public bool Remove(string service, string endpoint)
    {
        lock (db.Gate)
            return db.Execute("DELETE FROM push_registrations WHERE service = $s AND endpoint = $e", ("$s", service), ("$e", endpoint)) > 0;
    }

    private static string RowKey(string service, string endpoint) => $"{service} {endpoint}";

    private static string FormatNamespaces(IReadOnlyList<int> namespaces) =>
        string.Join(',', namespaces.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static int[] ParseNamespaces(string text) =>
        text.Length == 0 ? [] : [.. text.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
}
