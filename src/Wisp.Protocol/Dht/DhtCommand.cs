namespace Wisp.Protocol.Dht;

/// <summary>The DHT's commands (one byte on the wire). 0–15 keep the routing layer alive; 16 and up are the peer-finding layer, whose replies carry a round-trip token.</summary>
public enum DhtCommand : byte
{
    /// <summary>Are you there? Reply: empty; its <c>to</c> says how the node sees us.</summary>
    Ping = 0,
    /// <summary>Reply to the u16 port in the value, at the sender's host: tells whether unsolicited datagrams reach that port.</summary>
    PingNat = 1,
    /// <summary>Target = an id; reply: the closest nodes the responder knows.</summary>
    FindNode = 2,
    /// <summary>Value = an address the sender found down; the receiver pings it and drops it if silent.</summary>
    DownHint = 3,
    /// <summary>A client's handshake for a server, relayed by a node holding the server's forward entry (value: <see cref="PeerEnvelope"/>).</summary>
    PeerHandshake = 16,
    /// <summary>Hole-punch coordination after the handshake, relayed like <see cref="PeerHandshake"/>.</summary>
    PeerHolepunch = 17,
    /// <summary>Target = a server's target; reply value: its forward record when the responder holds one.</summary>
    FindPeer = 18,
    /// <summary>Target = a topic; reply value: <see cref="LookupReply"/>.</summary>
    Lookup = 19,
    /// <summary>Target = a topic, token required; value: <see cref="AnnounceMessage"/>.</summary>
    Announce = 20,
    /// <summary>Target = a topic, token required; value: <see cref="AnnounceMessage"/> signed for removal.</summary>
    Unannounce = 21,
}

/// <summary>Error codes in a response (one byte).</summary>
public enum DhtError : byte
{
    /// <summary>Success.</summary>
    None = 0,
    /// <summary>The responder does not serve this command.</summary>
    UnknownCommand = 1,
    /// <summary>A write came without a valid round-trip token for the sender's IP.</summary>
    InvalidToken = 2,
    /// <summary>The value did not parse or its signature did not verify.</summary>
    InvalidValue = 16,
    /// <summary>The responder is at a limit (records, topics, forward entries) and keeps what it has.</summary>
    Full = 17,
}
