using System.Globalization;
using System.Text.Json.Nodes;
using Wisp.Cli.Output;
using Wisp.Client.Devices;
using Wisp.Protocol.Devices;

namespace Wisp.Cli.Commands;

/// <summary>How the device commands print: devices, link requests, emoji.</summary>
internal static class DevicePrinting
{
    public static void List(ClientDevices devices, bool json, TextWriter stdout)
    {
        var list = devices.List();
        if (json)
        {
            CliOutput.Json(new JsonObject
            {
                ["this_device"] = devices.OwnDeviceId,
                ["membership"] = Snake(devices.Membership.ToString()),
                ["devices"] = new JsonArray([.. list.Select(d => (JsonNode)new JsonObject
                {
                    ["id"] = d.Id,
                    ["this_device"] = d.IsThisDevice,
                    ["state"] = Snake(d.State.ToString()),
                    ["type"] = d.Type,
                    ["description"] = d.Description,
                    ["version"] = d.Version,
                    ["updated"] = d.UpdatedSeconds,
                    ["gone"] = d.GoneSeconds,
                })]),
            }, stdout);
            return;
        }
        stdout.WriteLine($"This device: {devices.OwnDeviceId[..16]}…  ({Describe(devices.Membership)})");
        if (list.Count == 0)
            return;
        foreach (var d in list)
        {
            var mark = d.IsThisDevice ? "*" : " ";
            var when = d.State == DeviceListState.Registered ? $"last rotation {Time(d.UpdatedSeconds)}" : $"{Snake(d.State.ToString())} {Time(d.GoneSeconds ?? 0)}";
            stdout.WriteLine($"{mark} {d.Id[..16]}  {d.Type,-7}  {d.Description,-40}  {d.Version,-9}  {when}");
        }
    }

    public static void Requests(ClientDevices devices, bool json, TextWriter stdout)
    {
        var requests = devices.Requests();
        if (json)
        {
            CliOutput.Json(new JsonObject
            {
                ["requests"] = new JsonArray([.. requests.Select(r => (JsonNode)new JsonObject
                {
                    ["id"] = r.Id,
                    ["device_id"] = r.DeviceId,
                    ["type"] = r.Type,
                    ["description"] = r.Description,
                    ["version"] = r.Version,
                    ["requested"] = r.RequestedSeconds,
                    ["expires_ms"] = r.ExpiresMs,
                    ["sas"] = new JsonArray([.. r.Sas.Take(SasEmoji.LinkCount).Select(e => (JsonNode)e)]),
                    ["sas_extended"] = new JsonArray([.. r.Sas.Select(e => (JsonNode)e)]),
                })]),
            }, stdout);
            return;
        }
        if (requests.Count == 0)
        {
            stdout.WriteLine("No link requests. On the new device, run `wisp device link`.");
            return;
        }
        foreach (var request in requests)
            Request(request, stdout);
    }

    public static void Request(LinkRequestView r, TextWriter stdout)
    {
        stdout.WriteLine($"Request {r.Id}: {r.Type} \"{r.Description}\" (version {r.Version}), asked {Time(r.RequestedSeconds)}, device {r.DeviceId[..16]}…");
        stdout.WriteLine($"  emoji: {SasEmoji.Format(r.Sas, SasEmoji.LinkCount)}");
    }

    public static string Describe(DeviceMembership membership) => membership switch
    {
        DeviceMembership.InGroup => "in the device group",
        DeviceMembership.NoGroup => "no device group found",
        DeviceMembership.GroupsVisible => "not in the group yet: run `wisp device link`",
        DeviceMembership.Waiting => "waiting to be accepted",
        DeviceMembership.Removed => "removed from the group",
        _ => membership.ToString(),
    };

    public static string Time(long seconds) => seconds <= 0
        ? "unknown"
        : DateTimeOffset.FromUnixTimeSeconds(seconds).ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
