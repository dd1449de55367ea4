using System.CommandLine;
using Wisp.Cli.Output;
using Wisp.Community.Admin;

namespace Wisp.Cli.Commands.Community;

/// <summary>
/// <c>wisp community room add|remove|list|info</c>: the rooms of a community server's data directory. <c>add</c> and
/// <c>info</c> print the room's join URL in Session's form with its QR code.
/// </summary>
internal static class RoomAdminCommand
{
    public static Command Create() => new("room", "Add, remove, list or show the rooms of a community server (its --data directory).")
    {
        Add(), Remove(), List(), Info(),
    };

    private static Command Add()
    {
        var data = AdminOptions.Data();
        var token = new Argument<string>("TOKEN") { Description = "The room's token in URLs: 1 to 64 of a-z, A-Z, 0-9, _ and -." };
        var name = new Argument<string>("NAME") { Description = "The room's public name." };
        var description = new Option<string?>("--description") { Description = "The room's public description." };
        var noQr = new Option<bool>("--no-qr") { Description = "Do not draw the join URL's QR code." };
        var json = AdminOptions.Json();
        var command = new Command("add", "Add a room and print its join URL (http://host:port/TOKEN?public_key=HEX) with a QR code.")
        {
            token, name, data, description, noQr, json,
        };
        command.SetAction((parse, cancellationToken) => AdminOptions.WithAdminAsync(parse.GetValue(data)!, parse.InvocationConfiguration.Error, async admin =>
        {
            var result = await admin.AddRoomAsync(parse.GetValue(token)!, parse.GetValue(name)!, parse.GetValue(description), cancellationToken);
            if (!result.Ok)
                return AdminOptions.Refused(result, parse.InvocationConfiguration.Error);
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
                return Print(result.Value!, stdout);
            stdout.WriteLine($"Added room {result.Value!.Token} ({result.Value.Name}). Join URL:");
            PrintJoinUrl(result.Value.JoinUrl, !parse.GetValue(noQr), stdout);
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var data = AdminOptions.Data();
        var token = new Argument<string>("TOKEN") { Description = "The room to remove, with all its posts and files." };
        var command = new Command("remove", "Remove a room with all its posts, reactions and files (this cannot be undone).") { token, data };
        command.SetAction((parse, cancellationToken) => AdminOptions.WithAdminAsync(parse.GetValue(data)!, parse.InvocationConfiguration.Error, async admin =>
        {
            var result = await admin.RemoveRoomAsync(parse.GetValue(token)!, cancellationToken);
            if (!result.Ok)
                return AdminOptions.Refused(result, parse.InvocationConfiguration.Error);
            parse.InvocationConfiguration.Output.WriteLine($"Removed room {result.Value}.");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var data = AdminOptions.Data();
        var json = AdminOptions.Json();
        var command = new Command("list", "List the rooms: token, name, posts, files, active users and join URL.") { data, json };
        command.SetAction((parse, cancellationToken) => AdminOptions.WithAdminAsync(parse.GetValue(data)!, parse.InvocationConfiguration.Error, async admin =>
        {
            var rooms = await admin.ListRoomsAsync(cancellationToken);
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                stdout.WriteLine(CliJson.Document(new { Rooms = rooms }));
                return 0;
            }
            if (rooms.Count == 0)
                stdout.WriteLine("No rooms yet. Add one with `wisp community room add TOKEN NAME --data DIR`.");
            foreach (var room in rooms)
                stdout.WriteLine($"{room.Token}  {room.Name}  ({room.Messages} posts, {room.Files} files, {room.ActiveUsers} active)  {room.JoinUrl}");
            return 0;
        }));
        return command;
    }

    private static Command Info()
    {
        var data = AdminOptions.Data();
        var token = new Argument<string>("TOKEN") { Description = "The room to show." };
        var noQr = new Option<bool>("--no-qr") { Description = "Do not draw the join URL's QR code." };
        var json = AdminOptions.Json();
        var command = new Command("info", "Show a room: details, counts, default permissions, moderators, bans and its join URL with a QR code.")
        {
            token, data, noQr, json,
        };
        command.SetAction((parse, cancellationToken) => AdminOptions.WithAdminAsync(parse.GetValue(data)!, parse.InvocationConfiguration.Error, async admin =>
        {
            var result = await admin.RoomInfoAsync(parse.GetValue(token)!, cancellationToken);
            if (!result.Ok)
                return AdminOptions.Refused(result, parse.InvocationConfiguration.Error);
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
                return Print(result.Value!, stdout);
            var room = result.Value!;
            string Flag(bool on, string what) => (on ? "+" : "-") + what;
            CliOutput.Fields(
            [
                ("Room", room.Token),
                ("Name", room.Name),
                ("Description", room.Description ?? "(none)"),
                ("Posts", room.Messages.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Files", $"{room.Files} ({room.FileBytes / 1_000_000.0:F1} MB)"),
                ("Active users", $"{room.ActiveUsers} (7 days)"),
                ("Defaults", $"{Flag(room.DefaultRead, "read")}, {Flag(room.DefaultWrite, "write")}, {Flag(room.DefaultUpload, "upload")}, {Flag(room.DefaultAccessible, "accessible")}"),
                ("Admins", List(room.Admins, room.HiddenAdmins)),
                ("Moderators", List(room.Moderators, room.HiddenModerators)),
                ("Banned", room.Banned.Count == 0 ? "(none)" : string.Join(", ", room.Banned)),
            ], stdout);
            stdout.WriteLine("Join URL:");
            PrintJoinUrl(room.JoinUrl, !parse.GetValue(noQr), stdout);
            return 0;
        }));
        return command;
    }

    /// <summary>The join URL, then (unless told not to) its QR code, which Session's "join community" scanner reads.</summary>
    internal static void PrintJoinUrl(string joinUrl, bool qr, TextWriter stdout)
    {
        stdout.WriteLine(joinUrl);
        if (qr)
            stdout.Write(TerminalQrCode.Render(joinUrl));
    }

    private static int Print(RoomSummary room, TextWriter stdout)
    {
        stdout.WriteLine(CliJson.Document(room));
        return 0;
    }

    private static string List(IReadOnlyList<string> visible, IReadOnlyList<string> hidden) =>
        visible.Count + hidden.Count == 0 ? "(none)" : string.Join(", ", visible.Concat(hidden.Select(id => id + " (hidden)")));
}
