namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>Our pending ratchet hello's secrets (<c>ratchet_sessions.hello</c>; row key: the peer's Account ID).</summary>
    public static readonly EncryptedColumn RatchetHello = new("ratchet_sessions", "hello");

    /// <summary>A ratchet session's whole state (<c>ratchet_sessions.session</c>; row key: the peer's Account ID).</summary>
    public static readonly EncryptedColumn RatchetSession = new("ratchet_sessions", "session");

    /// <summary>Migration 12: Wisp's ratchet, one session per peer.</summary>
    private const string Step12 = """
        -- Wisp's ratchet (docs/PROTOCOL.md "Wisp's ratchet"), one row per peer that is or may become a ratchet peer.
        -- hello: EncryptedColumn ratchet_sessions/hello, our pending hello's X25519 secret and ML-KEM seed, advertised
        -- in every v2 message to the peer until it accepts. session: EncryptedColumn ratchet_sessions/session, the
        -- session state (root, chains, ratchet keys, KEM offer, skipped keys). accept: the bt-encoded accept dict (public
        -- values) we attach to our ratchet messages until the peer's first one arrives. answered: the X25519 key of the
        -- last hello we accepted, so a late copy of it is not accepted twice. sealed/opened count ratchet messages.
        CREATE TABLE ratchet_sessions (
            account_id TEXT    PRIMARY KEY,
            hello      BLOB,
            session    BLOB,
            accept     BLOB,
            answered   BLOB,
            sealed     INTEGER NOT NULL DEFAULT 0,
            opened     INTEGER NOT NULL DEFAULT 0,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;
}
