using System.Text.Json;
using System.Text.Json.Serialization;
using Wisp.Client.LocalData;

namespace Wisp.Client.Attachments;

/// <summary>
/// A transfer's resume record, one JSON file in the profile's <c>transfers</c> directory (0600) beside the staged
/// ciphertext: what is being sent or fetched, the chunk list, and which chunks the server acknowledged (or which were
/// fetched and checked). Saved atomically after every chunk, so a process killed at any moment resumes without sending
/// or fetching an acknowledged chunk again. Holds the file's key: it lives with the profile's other private files.
/// </summary>
internal sealed class TransferRecord
{
    [JsonPropertyName("direction")] public TransferDirection Direction { get; set; }
    [JsonPropertyName("file_name")] public string FileName { get; set; } = "";
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("source_stamp")] public string? SourceStamp { get; set; }
    [JsonPropertyName("size")] public long Size { get; set; }
    [JsonPropertyName("key")] public string Key { get; set; } = "";
    [JsonPropertyName("digest")] public string Digest { get; set; } = "";
    [JsonPropertyName("uploader_seed")] public string? UploaderSeed { get; set; }
    [JsonPropertyName("server_url")] public string ServerUrl { get; set; } = "";
    [JsonPropertyName("server_key")] public string ServerKey { get; set; } = "";
    [JsonPropertyName("ciphertext_bytes")] public long CiphertextBytes { get; set; }
    [JsonPropertyName("chunks")] public List<string> Chunks { get; set; } = [];
    [JsonPropertyName("manifest_hash")] public string? ManifestHash { get; set; }
    [JsonPropertyName("done")] public List<int> Done { get; set; } = [];
    [JsonPropertyName("manifest_done")] public bool ManifestDone { get; set; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The record at <paramref name="path"/>, or null when there is none or it cannot be read (the transfer then starts over).</summary>
    public static TransferRecord? Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<TransferRecord>(File.ReadAllBytes(path), Json) : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>Writes the record atomically (a crash leaves the old one or the new one).</summary>
    public void Save(string path)
    {
        byte[] bytes;
        lock (this)
            bytes = JsonSerializer.SerializeToUtf8Bytes(this, Json);
        PrivateFiles.WriteAtomically(path, bytes);
    }

    /// <summary>Marks chunk <paramref name="index"/> done.</summary>
    public void MarkDone(int index)
    {
        lock (this)
            if (!Done.Contains(index))
                Done.Add(index);
    }

    /// <summary>The chunks not done yet, in order.</summary>
    public List<int> Pending()
    {
        lock (this)
        {
            var done = Done.ToHashSet();
            return Enumerable.Range(0, Chunks.Count).Where(i => !done.Contains(i)).ToList();
        }
    }

    /// <summary>Ciphertext bytes of the chunks done.</summary>
    public long DoneBytes()
    {
        lock (this)
            return Done.Sum(ChunkLength);
    }

    /// <summary>The length of chunk <paramref name="index"/> (all are full but the last).</summary>
    public long ChunkLength(int index) =>
        Math.Min(AttachmentLimits.ChunkBytes, CiphertextBytes - ((long)index * AttachmentLimits.ChunkBytes));
}
