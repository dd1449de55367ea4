using System.CommandLine;
using Microsoft.Extensions.Logging;
using Wisp.Cli.Output;
using Wisp.Files;
using Wisp.Files.Hosting;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp files run --data DIR</c>: a file server with Session's API and Wisp's chunks over plain HTTP, until SIGTERM
/// or Ctrl-C. Prints its URL and X25519 key (clients need both) and writes them to <c>fileserver.json</c>.
/// </summary>
internal static class FilesRunCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "The file server's data directory: its X25519 key, index and stored files (created on first run).",
            Required = true,
        };
        var host = new Option<string>("--host")
        {
            Description = "IPv4 or IPv6 address to listen on: 127.0.0.1 (default), 0.0.0.0 or :: for every interface.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var port = new Option<int>("--port")
        {
            Description = $"HTTP port ({Limits.DefaultPort} by default; 0 picks a free one). Relays call servers on 443 and 80 unless their operator allows more (--server-ports).",
            DefaultValueFactory = _ => Limits.DefaultPort,
        };
        var maxDisk = new Option<long>("--max-disk")
        {
            Description = $"Bytes of files and chunks to keep before uploads get 507 (default {Limits.DefaultMaxDiskBytes:N0}).",
            DefaultValueFactory = _ => Limits.DefaultMaxDiskBytes,
        };
        var quota = new Option<long>("--uploader-quota")
        {
            Description = $"Bytes of chunks one uploader key may hold before its uploads get 413 (default {Limits.DefaultUploaderQuotaBytes:N0}).",
            DefaultValueFactory = _ => Limits.DefaultUploaderQuotaBytes,
        };
        var expiry = new Option<double>("--expiry-days")
        {
            Description = "Days a file or chunk is kept after its last upload (default 14; uploading it again starts the count anew).",
            DefaultValueFactory = _ => Protocol.Files.FileLimits.DefaultExpiry.TotalDays,
        };
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Lowest level logged: Trace, Debug, Information (default), Warning, Error, Critical.",
            DefaultValueFactory = _ => LogLevel.Information,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON line (url, x25519, data directory) instead of text." };

        var command = new Command("run", "Run a file server over HTTP until SIGTERM or Ctrl-C.") { data, host, port, maxDisk, quota, expiry, logLevel, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var days = parse.GetValue(expiry);
            var options = new FileServerOptions
            {
                DataDirectory = parse.GetValue(data)!,
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                MaxDiskBytes = parse.GetValue(maxDisk),
                UploaderQuotaBytes = parse.GetValue(quota),
                Expiry = double.IsFinite(days) && days is > 0 and < 3651 ? TimeSpan.FromDays(days) : TimeSpan.Zero,
                LogLevel = parse.GetValue(logLevel),
            };
            WispFileServer server;
            try
            {
                server = await WispFileServer.StartAsync(options, cancellationToken);
            }
            catch (FileServerStartException exception)
            {
                foreach (var problem in exception.Problems) await parse.InvocationConfiguration.Error.WriteLineAsync(problem);
                return CliOutput.UsageError;
            }
            await using (server)
            {
                var stdout = parse.InvocationConfiguration.Output;
                var directory = Path.GetFullPath(options.DataDirectory);
                if (parse.GetValue(json))
                {
                    stdout.WriteLine(CliJson.Line(new FileServerView(server.Url, server.PublicKey.ToHex(), directory)));
                }
                else
                {
                    stdout.WriteLine("Wisp file server running (SIGTERM or Ctrl-C stops it)");
                    stdout.WriteLine($"  url      {server.Url}");
                    stdout.WriteLine($"  x25519   {server.PublicKey.ToHex()}");
                    stdout.WriteLine($"  data     {directory}");
                }
                await server.WaitForShutdownAsync(cancellationToken);
                await server.StopAsync();
            }
            return 0;
        });
        return command;
    }

    private sealed record FileServerView(string Url, string X25519, string DataDirectory);
}
