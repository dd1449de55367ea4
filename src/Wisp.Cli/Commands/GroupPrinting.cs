using System.Globalization;
using System.Text.Json.Nodes;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Groups;

namespace Wisp.Cli.Commands;

/// <summary>How groups, members and group messages print: one line each as text, snake_case objects as JSON.</summary>
internal static class GroupPrinting
{
    public static void Result(WispClient client, string verb, GroupResult result, bool json, TextWriter stdout, TextWriter stderr)
    {
        var group = result.GroupId is { } id ? client.Groups.Find(id, out _) : null;
        if (json)
        {
            var value = group is null ? new JsonObject { ["id"] = result.GroupId } : Json(client, group);
            value["action"] = verb;
            value["ok"] = result.Ok;
            if (result.Error is { } error)
                value["error"] = error;
            CliOutput.Json(value, stdout);
            return;
        }
        if (!result.Ok)
        {
            stderr.WriteLine($"error: {result.Error}");
            return;
        }
        stdout.WriteLine(verb switch
        {
            "create" => $"created group \"{group?.Name}\" {result.GroupId}",
            "decline" => $"declined the invite to {result.GroupId}",
            "leave" => $"left \"{group?.Name}\"",
            _ => $"{verb}: done ({group?.Name} {result.GroupId})",
        });
    }

    public static JsonObject Json(WispClient client, GroupView group) => new()
    {
        ["id"] = group.Id,
        ["name"] = group.Name,
        ["description"] = group.Description,
        ["role"] = group.Role.ToString().ToLowerInvariant(),
        ["invited_by"] = group.InvitedBy?.Hex,
        ["key_generation"] = group.KeyGeneration,
        ["created"] = group.CreatedMs,
        ["members"] = new JsonArray([.. client.Groups.Members(group.Id).Select(m => (JsonNode)new JsonObject
        {
            ["account_id"] = m.AccountId.Hex,
            ["admin"] = m.Admin,
            ["status"] = m.Status.ToString().ToLowerInvariant(),
        })]),
    };

    public static JsonObject Json(GroupMessageView message) => new()
    {
        ["id"] = message.Id,
        ["group"] = message.GroupId,
        ["sender"] = message.Sender.Hex,
        ["direction"] = message.Outgoing ? "out" : "in",
        ["kind"] = message.Kind == GroupMessageKind.Update ? "update" : "text",
        ["body"] = message.Body,
        ["sent_at"] = message.SentAtMs,
        ["status"] = message.Status,
    };

    public static string Line(WispClient client, GroupView group)
    {
        var members = client.Groups.Members(group.Id).Count(m => m.Status != GroupMemberState.Removed);
        var role = group.Role == GroupRole.Invited ? $"INVITE from {Name(client, group.InvitedBy!)} (`wisp group accept {group.Id}`)" : group.Role.ToString().ToLowerInvariant();
        return $"{group.Name}  {group.Id}  {role}, {members} member{(members == 1 ? "" : "s")}";
    }

    public static void Details(WispClient client, GroupView group, TextWriter stdout)
    {
        stdout.WriteLine($"{group.Name}  ({group.Id})");
        if (group.Description is { Length: > 0 } description)
            stdout.WriteLine($"  {description}");
        stdout.WriteLine($"  you: {group.Role.ToString().ToLowerInvariant()}; key generation: {group.KeyGeneration?.ToString(CultureInfo.InvariantCulture) ?? "none yet"}");
        foreach (var member in client.Groups.Members(group.Id))
            stdout.WriteLine($"  {(member.Admin ? "admin " : "member")} {member.AccountId.Hex}  {Name(client, member.AccountId)}  {member.Status.ToString().ToLowerInvariant()}");
    }

    public static string Line(WispClient client, GroupMessageView message)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(message.SentAtMs).ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture);
        if (message.Kind == GroupMessageKind.Update)
            return $"[{time}] * {message.Body}";
        var who = message.Outgoing ? "you" : Name(client, message.Sender);
        var state = message.Outgoing && message.Status is "failed" ? "  (FAILED)" : "";
        return $"[{time}] {who}: {message.Body}{state}";
    }

    private static string Name(WispClient client, Wisp.Crypto.Keys.AccountId id) => id == client.AccountId ? "you" : client.Contacts.NameOf(id);
}
