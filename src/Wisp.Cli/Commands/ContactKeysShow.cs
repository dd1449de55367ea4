using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Keys;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp contacts show &lt;contact&gt; [--fetch]</c>: a contact, and whether it has protocol v2 keys (messages to it
/// are forward-secret) or not (they go in v1, marked "not forward-secret").
/// </summary>
internal static class ContactKeysShow
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var who = new Argument<string>("contact") { Description = "The contact's Account ID or nickname." };
        var fetch = new Option<bool>("--fetch") { Description = "Fetch the contact's published v2 keys now (needs the network) instead of showing what is cached." };
        var command = new Command("show", "Show a contact and whether messages to it are forward-secret (protocol v2 keys) or v1.") { who, fetch };
        options.AddTo(command, withNetwork: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var online = parse.GetValue(fetch);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: online, stderr, out var session, out var exitCode))
                return exitCode;
            await using var _ = session;
            if (!AccountIdInput.TryResolvePeer(session.Contacts, parse.GetValue(who)!, out var peer, out var error))
                return CliOutput.Error(error, stderr);
            var keys = online ? await session.Keys.RefreshAsync(peer, cancellationToken) : session.Keys.ForContact(peer);
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject
                {
                    ["account_id"] = peer.Hex,
                    ["nickname"] = session.Contacts.NicknameOf(peer),
                    ["display_name"] = session.Contacts.DisplayNameOf(peer),
                    ["v2_keys"] = keys.HasV2Keys,
                    ["keys_state"] = keys.State,
                    ["keys_fetched_at"] = keys.FetchedAt?.ToUnixTimeMilliseconds(),
                    ["keys_none_at"] = keys.NakAt?.ToUnixTimeMilliseconds(),
                }, stdout);
                return 0;
            }
            stdout.WriteLine($"{session.Contacts.NameOf(peer)}  {peer.Hex}");
            stdout.WriteLine(keys.HasV2Keys
                ? $"protocol v2 keys: yes ({keys.State}, fetched {When(keys.FetchedAt)}): messages to them are forward-secret"
                : $"protocol v2 keys: no ({keys.State}): messages to them go in v1, {MessageSealings.NotForwardSecretNote}");
            return 0;
        });
        return command;
    }

    private static string When(DateTimeOffset? at) =>
        at is { } time ? time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never";
}
