namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>The key a push server encrypts this account's notifications with (<c>push_registrations.enc_key</c>; row key: "service endpoint").</summary>
    public static readonly EncryptedColumn PushEncKey = new("push_registrations", "enc_key");

    /// <summary>Migration 14: push registrations (issue 19).</summary>
    private const string Step14 = """
        -- Where this account asked a push server to send notifications (Session's SPNS /subscribe), one row per
        -- service and endpoint (SPNS keys a subscription on account, service and token alike). service:
        -- 'unifiedpush' (or 'apns'/'firebase'); endpoint: the service token, for UnifiedPush the distributor's URL.
        -- server_url/server_key: the push server and its X25519 key, hex. enc_key: EncryptedColumn
        -- push_registrations/enc_key, row key "service endpoint": the 32-byte key notifications are encrypted
        -- with. namespaces: comma-separated, ascending. subscribed_at: when the server last accepted it; expires_at:
        -- the end of its 14-day life (a renewal is due well before). last_error: why the last renewal failed.
        CREATE TABLE push_registrations (
            service       TEXT    NOT NULL,
            endpoint      TEXT    NOT NULL,
            server_url    TEXT    NOT NULL,
            server_key    TEXT    NOT NULL,
            enc_key       BLOB    NOT NULL,
            namespaces    TEXT    NOT NULL,
            want_data     INTEGER NOT NULL DEFAULT 1,
            subscribed_at INTEGER NOT NULL,
            expires_at    INTEGER NOT NULL,
            last_error    TEXT,
            PRIMARY KEY (service, endpoint)
        ) WITHOUT ROWID;
        """;
}
