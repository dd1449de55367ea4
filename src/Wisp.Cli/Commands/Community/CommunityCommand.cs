using System.CommandLine;

namespace Wisp.Cli.Commands.Community;

/// <summary>
/// <c>wisp community …</c>: the server (<c>run</c>), its administration (<c>room</c>, <c>moderator</c>, <c>ban</c>,
/// <c>unban</c>) and the client's verbs (<c>join</c>, <c>read</c>, <c>post</c>, …). Each group attaches its own
/// subcommands here, one line each, so the verb is built in one place.
/// </summary>
internal static class CommunityCommand
{
    public static Command Create()
    {
        var command = new Command("community", "Run a Session-compatible community server, administer it, or take part in communities.")
        {
            RunCommand.Create(),
        };
        // Administration subcommands (room, moderator, ban, unban) are added here.
        command.Subcommands.Add(RoomAdminCommand.Create());
        command.Subcommands.Add(ModeratorAdminCommand.Create());
        command.Subcommands.Add(BanAdminCommand.CreateBan());
        command.Subcommands.Add(BanAdminCommand.CreateUnban());
        // Client subcommands (join, leave, list, read, post, react, reply, delete, dm) are added here.
        return command;
    }
}
