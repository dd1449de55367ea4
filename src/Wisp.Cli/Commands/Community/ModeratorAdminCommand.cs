using System.CommandLine;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands.Community;

/// <summary><c>wisp community moderator add|remove ID (--room TOKEN | --global)</c>: moderators and admins.</summary>
internal static class ModeratorAdminCommand
{
    public static Command Create() => new("moderator", "Appoint or remove moderators and admins of a room or of the whole server.")
    {
        Add(), Remove(),
    };

    private static Command Add()
    {
        var (data, id, room, global) = (AdminOptions.Data(), AdminOptions.Id(), AdminOptions.Room("moderator"), AdminOptions.Global("Moderator"));
        var admin = new Option<bool>("--admin") { Description = "Make them an admin (who may also appoint moderators and ban moderators), not only a moderator." };
        var hidden = new Option<bool>("--hidden") { Description = "Hide their status from members (moderators still see it). The default for --global." };
        var visible = new Option<bool>("--visible") { Description = "Show their status to members. The default for --room." };
        var command = new Command("add", "Make a member a moderator (or, with --admin, an admin) of one room (--room) or of every room (--global).")
        {
            id, data, room, global, admin, hidden, visible,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            if (AdminOptions.Scope(parse.GetValue(room), parse.GetValue(global)) is { } scope)
                return Task.FromResult(CliOutput.Error(scope, stderr));
            if (parse.GetValue(hidden) && parse.GetValue(visible))
                return Task.FromResult(CliOutput.Error("give --hidden or --visible, not both.", stderr));
            bool? show = parse.GetValue(hidden) ? false : parse.GetValue(visible) ? true : null;
            return AdminOptions.WithAdminAsync(parse.GetValue(data)!, stderr, async admins =>
            {
                var result = await admins.AddModeratorAsync(parse.GetValue(id)!, parse.GetValue(room), parse.GetValue(admin), show, cancellationToken);
                if (!result.Ok)
                    return AdminOptions.Refused(result, stderr);
                var role = parse.GetValue(admin) ? "an admin" : "a moderator";
                var where = parse.GetValue(room) is { } token ? $"of room {token}" : "of every room (global)";
                var visibility = show ?? parse.GetValue(room) is not null ? "visible" : "hidden";
                parse.InvocationConfiguration.Output.WriteLine($"{result.Value} is now {role} {where}, {visibility} to members.");
                return 0;
            });
        });
        return command;
    }

    private static Command Remove()
    {
        var (data, id, room, global) = (AdminOptions.Data(), AdminOptions.Id(), AdminOptions.Room("remove rights"), AdminOptions.Global("Remove global rights"));
        var command = new Command("remove", "Take a member's moderator and admin rights in one room (--room) or the global ones (--global) away.")
        {
            id, data, room, global,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            if (AdminOptions.Scope(parse.GetValue(room), parse.GetValue(global)) is { } scope)
                return Task.FromResult(CliOutput.Error(scope, stderr));
            return AdminOptions.WithAdminAsync(parse.GetValue(data)!, stderr, async admins =>
            {
                var result = await admins.RemoveModeratorAsync(parse.GetValue(id)!, parse.GetValue(room), cancellationToken);
                if (!result.Ok)
                    return AdminOptions.Refused(result, stderr);
                var where = parse.GetValue(room) is { } token ? $"in room {token}" : "globally";
                parse.InvocationConfiguration.Output.WriteLine($"{result.Value} is no longer a moderator or admin {where}.");
                return 0;
            });
        });
        return command;
    }
}
