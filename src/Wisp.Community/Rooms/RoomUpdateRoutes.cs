using System.Text.Json;
using Microsoft.Data.Sqlite;
using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Files;
using Wisp.Community.Storage;
using Wisp.Community.Users;
using Wisp.Protocol.Community;

namespace Wisp.Community.Rooms;

/// <summary>
/// <c>PUT /room/{token}</c>, a room admin's update of the room (pysogs's <c>update_room</c>): <c>name</c>,
/// <c>description</c>, <c>image</c> (a file uploaded to this room) and the <c>default_*</c> rights, any subset. Answers
/// <see cref="RoomUpdated"/>; 400 for a value of the wrong type or nothing to update, 406 for an image that is not a
/// file of this room. Each change of name, description or image raises <c>info_updates</c> by one; rights do not.
/// </summary>
internal sealed class RoomUpdateRoutes : IRouteGroup
{
    private static readonly string[] Defaults = ["read", "accessible", "write", "upload"];

    public void Map(RouteTable routes) => routes.Put("/room/{room}", UpdateAsync);

    private static async Task<CommunityResponse> UpdateAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await Require.AdminAsync(context, cancellationToken) is { } refusal)
            return refusal;
        if (Access.JsonObjectBody(context) is not { } body)
            return Reply.Status(400);
        var room = context.Room;
        var updated = false;

        string? name = null;
        if (body.TryGetProperty("name", out var nameValue))
        {
            if (nameValue.ValueKind != JsonValueKind.String)
                return Reply.Status(400);
            name = Strip(nameValue.GetString()!, keepTabAndNewline: false);
            updated = true;
        }
        var (setDescription, description) = (false, (string?)null);
        if (body.TryGetProperty("description", out var descriptionValue))
        {
            if (descriptionValue.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return Reply.Status(400);
            description = descriptionValue.ValueKind == JsonValueKind.Null ? null : Strip(descriptionValue.GetString()!, keepTabAndNewline: true);
            (setDescription, updated) = (true, true);
            if (description is "")
                description = null; // an empty description is no description
        }
        long? image = null;
        if (body.TryGetProperty("image", out var imageValue))
        {
            if (!IsInteger(imageValue))
                return Reply.Status(400);
            await using (var connection = context.Services.Database.Open())
            {
                if (!imageValue.TryGetInt64(out var id) || !await RoomFileStore.BelongsAsync(connection, room.Id, id, cancellationToken))
                    return Reply.Status(406);
                image = id;
            }
            updated = true;
        }
        var rights = new Dictionary<string, bool>();
        foreach (var right in Defaults)
        {
            if (!body.TryGetProperty("default_" + right, out var value) || value.ValueKind == JsonValueKind.Null)
                continue;
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) && !IsInteger(value))
                return Reply.Status(400);
            rights[right] = Access.Truthy(value);
            updated = true;
        }
        if (!updated)
            return Reply.Status(400);

        var infoUpdates = await context.Services.Database.WriteAsync(async (_, transaction) =>
        {
            // One statement per field: the schema's trigger raises info_updates once per changed field, as pysogs's setters do.
            if (name is not null)
                await ExecuteAsync(transaction.Command("UPDATE rooms SET name = $value WHERE id = $room", ("$value", name), ("$room", room.Id)), cancellationToken);
            if (setDescription)
                await ExecuteAsync(transaction.Command("UPDATE rooms SET description = $value WHERE id = $room", ("$value", description), ("$room", room.Id)), cancellationToken);
            if (image is not null)
                await ExecuteAsync(transaction.Command("UPDATE rooms SET image = $value WHERE id = $room", ("$value", image), ("$room", room.Id)), cancellationToken);
            foreach (var (right, value) in rights) // column names from Defaults only
                await ExecuteAsync(transaction.Command($"UPDATE rooms SET {right} = $value WHERE id = $room", ("$value", value), ("$room", room.Id)), cancellationToken);
            await using var read = transaction.Command("SELECT info_updates FROM rooms WHERE id = $room", ("$room", room.Id));
            return (long)(await read.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
        return Reply.Json(new RoomUpdated(infoUpdates), CommunityPermissionJsonContext.Default.RoomUpdated);
    }

    private static async Task ExecuteAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command)
            await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Python's isinstance(v, int) for a JSON value: a number written without a fraction or exponent.
    private static bool IsInteger(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0;

    // pysogs strips control characters (below U+0020) from names, and all but tab and newline from descriptions.
    private static string Strip(string text, bool keepTabAndNewline) =>
        string.Concat(text.Where(c => c >= '\u0020' || (keepTabAndNewline && c is '\t' or '\n')));
}
