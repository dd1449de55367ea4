using System.Text;
using System.Text.Json;
using Wisp.Protocol.Community;

namespace Wisp.Client.Communities;

/// <summary>What one room's part of a poll brought.</summary>
internal sealed record RoomPoll(string Token, PollInfoReply? Info, IReadOnlyList<CommunityMessage>? Messages, string? Error);

/// <summary>What one poll of a server brought: each room's part, the inbox and the outbox (null when that part failed).</summary>
internal sealed record ServerPoll(IReadOnlyList<RoomPoll> Rooms, IReadOnlyList<WireDm>? Inbox, IReadOnlyList<WireDm>? Outbox);

/// <summary>
/// Session's community API as the client calls it (pysogs <c>api.yaml</c>): each call one signed request through the
/// transport, its reply read into the wire records, a refusal turned into a sentence with the server's status.
/// </summary>
internal sealed class CommunityCalls(ICommunityTransport transport, CommunitySigner signer)
{
    /// <summary>The signer (for the blinded ID and keys).</summary>
    public CommunitySigner Signer => signer;

    /// <summary><c>GET /room/TOKEN</c>.</summary>
    public async Task<CommunityResult<RoomInfo>> RoomAsync(CommunityServer server, string token, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(server, "GET", $"/room/{token}", null, cancellationToken).ConfigureAwait(false);
        return Read(reply, server, $"room \"{token}\"", CommunityJsonContext.Default.RoomInfo);
    }

    /// <summary>
    /// One <c>POST /batch</c>: for each room its pollInfo and the messages since its seqno (with reactions), then the
    /// inbox and the outbox since their positions — the since-queries Session's poller sends.
    /// </summary>
    public async Task<CommunityResult<ServerPoll>> PollAsync(
        CommunityServer server, IReadOnlyList<RoomRow> rooms, long inboxSince, long outboxSince, CancellationToken cancellationToken)
    {
        var requests = new List<BatchSubrequest>();
        foreach (var room in rooms)
        {
            requests.Add(new BatchSubrequest("GET", $"/room/{room.Token}/pollInfo/{room.InfoUpdates}"));
            requests.Add(new BatchSubrequest("GET", room.Seqno == 0
                ? $"/room/{room.Token}/messages/recent?limit={CommunityLimits.MessagesPerPoll}&t=r&reactors={CommunityLimits.ReactorsPerPoll}"
                : $"/room/{room.Token}/messages/since/{room.Seqno}?limit={CommunityLimits.MessagesPerPoll}&t=r&reactors={CommunityLimits.ReactorsPerPoll}"));
        }
        requests.Add(new BatchSubrequest("GET", inboxSince == 0 ? "/inbox" : $"/inbox/since/{inboxSince}"));
        requests.Add(new BatchSubrequest("GET", outboxSince == 0 ? "/outbox" : $"/outbox/since/{outboxSince}"));
        var reply = await SendAsync(server, "POST", "/batch", CommunityJson.Write<IReadOnlyList<BatchSubrequest>>(requests, CommunityJsonContext.Default.IReadOnlyListBatchSubrequest), cancellationToken).ConfigureAwait(false);
        var read = Read(reply, server, "the poll", CommunityJsonContext.Default.IReadOnlyListBatchResult);
        if (!read.Ok)
            return CommunityResult<ServerPoll>.From(read);
        var parts = read.Value!;
        if (parts.Count != requests.Count)
            return CommunityResult<ServerPoll>.Failed($"{server.Base} answered the poll's {requests.Count} requests with {parts.Count} replies", reply.Status);

        var polls = new List<RoomPoll>();
        for (var i = 0; i < rooms.Count; i++)
        {
            var info = parts[2 * i];
            var messages = parts[(2 * i) + 1];
            var error = info.Code is >= 200 and < 300 ? null : $"room \"{rooms[i].Token}\": {Describe(info.Code, info.Body)}";
            polls.Add(new RoomPoll(
                rooms[i].Token,
                error is null ? CommunityJson.Read(info.Body, CommunityJsonContext.Default.PollInfoReply) : null,
                messages.Code is >= 200 and < 300 ? CommunityJson.Read(messages.Body, CommunityJsonContext.Default.IReadOnlyListCommunityMessage) : null,
                error));
        }
        var inbox = parts[^2];
        var outbox = parts[^1];
        return CommunityResult<ServerPoll>.Of(new ServerPoll(polls, Box(inbox), Box(outbox)));
    }

    // pysogs answers an empty box with 304 Not Modified and no body.
    private static List<WireDm>? Box(BatchResult part) =>
        part.Code == 304 ? [] : part.Code is >= 200 and < 300 ? CommunityJson.ReadOwn<List<WireDm>>(part.Body) : null;

    /// <summary><c>POST /room/TOKEN/message</c> with the post's data and signature (base64).</summary>
    public async Task<CommunityResult<CommunityMessage>> PostAsync(CommunityServer server, string token, byte[] data, byte[] signature, CancellationToken cancellationToken)
    {
        var body = CommunityJson.Write(
            new PostMessageRequest(Convert.ToBase64String(data), Convert.ToBase64String(signature)), CommunityJsonContext.Default.PostMessageRequest);
        var reply = await SendAsync(server, "POST", $"/room/{token}/message", body, cancellationToken).ConfigureAwait(false);
        return Read(reply, server, "the post", CommunityJsonContext.Default.CommunityMessage);
    }

    /// <summary><c>PUT</c> (add) or <c>DELETE</c> (remove) <c>/room/TOKEN/reaction/ID/EMOJI</c>.</summary>
    public async Task<CommunityResult> ReactAsync(CommunityServer server, string token, long id, string emoji, bool remove, CancellationToken cancellationToken)
    {
        var path = $"/room/{token}/reaction/{id}/{Uri.EscapeDataString(emoji)}";
        var reply = await SendAsync(server, remove ? "DELETE" : "PUT", path, remove ? null : "{}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        return Outcome(reply, server, "the reaction");
    }

    /// <summary><c>DELETE /room/TOKEN/message/ID</c> (the author's own, or anyone's by a moderator).</summary>
    public async Task<CommunityResult> DeleteAsync(CommunityServer server, string token, long id, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(server, "DELETE", $"/room/{token}/message/{id}", null, cancellationToken).ConfigureAwait(false);
        return Outcome(reply, server, $"deleting message {id}");
    }

    /// <summary><c>POST /inbox/BLINDED_ID</c> with the encrypted message (base64).</summary>
    public async Task<CommunityResult<WireDm>> SendDmAsync(CommunityServer server, string recipient, byte[] ciphertext, CancellationToken cancellationToken)
    {
        var body = CommunityJson.WriteOwn(new Dictionary<string, string> { ["message"] = Convert.ToBase64String(ciphertext) });
        var reply = await SendAsync(server, "POST", $"/inbox/{recipient}", body, cancellationToken).ConfigureAwait(false);
        return ReadOwn<WireDm>(reply, server, "the direct message");
    }

    /// <summary>
    /// <c>POST /user/ID/ban</c> or <c>/unban</c>: in the given rooms, or server-wide with <paramref name="global"/>; a ban
    /// may end after <paramref name="timeout"/>.
    /// </summary>
    public async Task<CommunityResult> BanAsync(
        CommunityServer server, string sessionId, IReadOnlyList<string> rooms, bool global, TimeSpan? timeout, bool unban, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>();
        if (global)
            body["global"] = true;
        else
            body["rooms"] = rooms;
        if (!unban && timeout is { } after)
            body["timeout"] = after.TotalSeconds;
        var verb = unban ? "unban" : "ban";
        var reply = await SendAsync(server, "POST", $"/user/{sessionId}/{verb}", CommunityJson.WriteOwn(body), cancellationToken).ConfigureAwait(false);
        return Outcome(reply, server, $"the {verb}");
    }

    private Task<CommunityReply> SendAsync(CommunityServer server, string method, string path, byte[]? body, CancellationToken cancellationToken) =>
        transport.SendAsync(server, signer.Sign(server, method, path, body), cancellationToken);

    private static CommunityResult<T> Read<T>(CommunityReply reply, CommunityServer server, string what, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        var outcome = Outcome(reply, server, what);
        if (!outcome.Ok)
            return CommunityResult<T>.From(outcome);
        return CommunityJson.Read(reply.Body, type) is { } value
            ? new CommunityResult<T>(value, null, reply.Status)
            : CommunityResult<T>.Failed($"{server.Base} answered {what} with something that is not Session's reply", reply.Status);
    }

    private static CommunityResult<T> ReadOwn<T>(CommunityReply reply, CommunityServer server, string what) where T : class
    {
        var outcome = Outcome(reply, server, what);
        if (!outcome.Ok)
            return CommunityResult<T>.From(outcome);
        return CommunityJson.ReadOwn<T>(reply.Body) is { } value
            ? new CommunityResult<T>(value, null, reply.Status)
            : CommunityResult<T>.Failed($"{server.Base} answered {what} with something that is not Session's reply", reply.Status);
    }

    private static CommunityResult Outcome(CommunityReply reply, CommunityServer server, string what) =>
        !reply.Reached ? CommunityResult.Failed($"{what} did not reach {server.Base}: {reply.Failure}")
        : reply.Success ? new CommunityResult(null, reply.Status)
        : CommunityResult.Failed($"{server.Base} refused {what}: {Describe(reply.Status, reply.Body)}", reply.Status);

    private static string Describe(int status, ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)]).Trim();
        return status switch
        {
            401 => $"401 not signed in ({text})",
            403 => $"403 forbidden — banned, or not allowed to do that here{(text.Length > 0 ? $" ({text})" : "")}",
            404 => $"404 not found{(text.Length > 0 ? $" ({text})" : "")}",
            _ => text.Length > 0 ? $"{status} {text}" : $"{status}",
        };
    }

    private static string Describe(int status, JsonElement body) => Describe(status, body.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => [],
        JsonValueKind.String => Encoding.UTF8.GetBytes(body.GetString()!),
        _ => Encoding.UTF8.GetBytes(body.GetRawText()),
    });
}
