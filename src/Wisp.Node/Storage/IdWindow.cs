using System.Globalization;
using System.Text;

namespace Wisp.Node.Storage;

/// <summary>
/// Where one piece of a large write works: an owner's messages in one namespace with insertion id after
/// <see cref="AfterId"/> and at most <see cref="CeilingId"/>, the first <see cref="Limit"/> of them in id order. The
/// ceiling is the store's last id when the request began, so messages stored while it runs are left alone (as if the
/// request had been one transaction) and a stream of new stores cannot keep it going.
/// </summary>
internal readonly record struct IdWindow(long AfterId, long CeilingId, int Limit)
{
    /// <summary>The ids in the window, in order (the owner-namespace-id index serves this without a sort).</summary>
    public List<long> Read(WriteBatchContext context, string owner, int @namespace)
    {
        var select = context.Command("""
            SELECT id FROM messages WHERE owner = $owner AND namespace = $ns AND id > $after AND id <= $ceiling
            ORDER BY id LIMIT $limit
            """);
        select.Parameters.AddWithValue("$owner", owner);
        select.Parameters.AddWithValue("$ns", @namespace);
        select.Parameters.AddWithValue("$after", AfterId);
        select.Parameters.AddWithValue("$ceiling", CeilingId);
        select.Parameters.AddWithValue("$limit", Limit);
        var ids = new List<long>(Limit);
        using var reader = select.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>What a piece did over <paramref name="ids"/>: its changes, and whether a next window may hold more.</summary>
    public WindowResult Next(List<long> ids, List<NamespacedHash> changed) =>
        new(changed, ids.Count == Limit ? this with { AfterId = ids[^1] } : null);

    /// <summary><paramref name="ids"/> as a JSON array, bound as one parameter and read with <c>json_each</c>.</summary>
    public static string Json(List<long> ids)
    {
        var json = new StringBuilder(ids.Count * 8).Append('[');
        for (var i = 0; i < ids.Count; i++)
        {
            if (i > 0) json.Append(',');
            json.Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }
        return json.Append(']').ToString();
    }
}

/// <summary>The messages one piece changed, and the window of the next piece (null when the range is done).</summary>
internal sealed record WindowResult(List<NamespacedHash> Changed, IdWindow? Next)
{
    /// <summary>An empty window: nothing changed, nothing left.</summary>
    public static readonly WindowResult Done = new([], null);
}
