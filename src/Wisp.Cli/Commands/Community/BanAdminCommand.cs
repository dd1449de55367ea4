using System.CommandLine;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands.Community;

/// <summary><c>wisp community ban|unban ID (--room TOKEN | --global) [--timeout T]</c>: bans, with or without an end.</summary>
internal static class BanAdminCommand
{
    public static Command CreateBan()
    {
        var (data, id, room, global) = (AdminOptions.Data(), AdminOptions.Id(), AdminOptions.Room("ban"), AdminOptions.Global("Ban"));
        var timeout = new Option<string?>("--timeout")
        {
            Description = "How long the ban lasts: seconds, or a number with s, m, h or d (e.g. 90m, 7d). Without it the ban is permanent. Banning again replaces the timeout.",
        };
        var command = new Command("ban", "Ban a member from one room (--room: they may not read, post or upload there) or from the whole server (--global: every request refused).")
        {
            id, data, room, global, timeout,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            if (AdminOptions.Scope(parse.GetValue(room), parse.GetValue(global)) is { } scope)
                return Task.FromResult(CliOutput.Error(scope, stderr));
            TimeSpan? length = null;
            if (parse.GetValue(timeout) is { } text && (length = AdminOptions.Duration(text)) is null)
                return Task.FromResult(CliOutput.Error($"--timeout: '{text}' is not a duration; give seconds or a number with s, m, h or d (e.g. 3600, 90m, 7d).", stderr));
            return AdminOptions.WithAdminAsync(parse.GetValue(data)!, stderr, async admin =>
            {
                var result = await admin.BanAsync(parse.GetValue(id)!, parse.GetValue(room), length, cancellationToken);
                if (!result.Ok)
                    return AdminOptions.Refused(result, stderr);
                var where = parse.GetValue(room) is { } token ? $"from room {token}" : "from the whole server";
                var until = length is { } l ? $" for {l}" : " until unbanned";
                parse.InvocationConfiguration.Output.WriteLine($"Banned {result.Value} {where}{until}.");
                return 0;
            });
        });
        return command;
    }

    public static Command CreateUnban()
    {
        var (data, id, room, global) = (AdminOptions.Data(), AdminOptions.Id(), AdminOptions.Room("lift the ban"), AdminOptions.Global("Lift the server-wide ban"));
        var command = new Command("unban", "Lift a member's ban from one room (--room) or the server-wide one (--global); the other kind stays.")
        {
            id, data, room, global,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            if (AdminOptions.Scope(parse.GetValue(room), parse.GetValue(global)) is { } scope)
                return Task.FromResult(CliOutput.Error(scope, stderr));
            return AdminOptions.WithAdminAsync(parse.GetValue(data)!, stderr, async admin =>
            {
                var result = await admin.UnbanAsync(parse.GetValue(id)!, parse.GetValue(room), cancellationToken);
                if (!result.Ok)
                    return AdminOptions.Refused(result, stderr);
                var where = parse.GetValue(room) is { } token ? $"from room {token}" : "from the whole server";
                parse.InvocationConfiguration.Output.WriteLine($"Lifted the ban of {result.Value} {where}.");
                return 0;
            });
        });
        return command;
    }
}
