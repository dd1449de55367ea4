using System.CommandLine;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands.Account;

/// <summary><c>wisp account picture PATH</c>: set the account's profile picture (Session's display picture).</summary>
internal static class AccountPictureCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var path = new Argument<string>("path") { Description = "The image (at most 5 MB)." };
        var command = new Command(
            "picture",
            "Set your profile picture: the image is encrypted under a new profile key and uploaded once to the network's " +
            "file server through an onion path; from then on your text messages carry its URL and key (as Session's do), " +
            "so the people you write to see it. Exit code 0 when set, 1 when the upload failed, 2 for a bad file.")
        {
            path,
        };
        options.AddTo(command, withNetwork: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var file = parse.GetValue(path)!;
            if (!File.Exists(file))
                return CliOutput.Error($"{file}: no such file.", stderr);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
                return exitCode;
            await using (client)
            {
                var error = await client.Attachments.SetProfilePictureAsync(client.AccountId, Path.GetFullPath(file), cancellationToken);
                if (error is not null)
                    return CliOutput.Error(error, stderr, CliOutput.Failure);
                stdout.WriteLine("profile picture set; your next messages carry it");
                return 0;
            }
        });
        return command;
    }
}
