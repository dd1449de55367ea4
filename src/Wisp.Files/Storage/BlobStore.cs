namespace Wisp.Files.Storage;

/// <summary>
/// The bytes on disk: <c>files/&lt;id&gt;</c> for Session's files, <c>chunks/&lt;2 hex&gt;/&lt;hash&gt;</c> for chunks, and
/// <c>tmp/</c> for uploads in progress, which are renamed into place only once checked (so a reader never sees half a
/// file). <c>tmp/</c> is emptied at start: what is there was cut off by a crash.
/// </summary>
internal sealed class BlobStore
{
    private readonly string _files;
    private readonly string _chunks;
    private readonly string _temporary;

    public BlobStore(string dataDirectory)
    {
        _files = Path.Combine(dataDirectory, "files");
        _chunks = Path.Combine(dataDirectory, "chunks");
        _temporary = Path.Combine(dataDirectory, "tmp");
        Directory.CreateDirectory(_files);
        Directory.CreateDirectory(_chunks);
        if (Directory.Exists(_temporary)) Directory.Delete(_temporary, recursive: true);
        Directory.CreateDirectory(_temporary);
    }

    /// <summary>The directory whose disk holds the data (for the free-space check).</summary>
    public string Root => _files;

    /// <summary>A new temporary file, open for writing; the caller commits or deletes it.</summary>
    public (string Path, FileStream Stream) CreateTemporary()
    {
        var path = System.IO.Path.Combine(_temporary, Guid.NewGuid().ToString("N"));
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        });
        return (path, stream);
    }

    /// <summary>Moves a finished temporary file into place (replacing identical bytes if a parallel upload was first).</summary>
    public void Commit(string temporaryPath, EntryKind kind, string key)
    {
        var final = PathOf(kind, key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(final)!);
        File.Move(temporaryPath, final, overwrite: true);
    }

    /// <summary>Deletes a temporary file that will not be committed.</summary>
    public static void Discard(string temporaryPath)
    {
        try
        {
            File.Delete(temporaryPath);
        }
        catch (IOException)
        {
            // Emptied at the next start.
        }
    }

    /// <summary>Opens stored bytes for reading; null when they are gone.</summary>
    public FileStream? OpenRead(EntryKind kind, string key)
    {
        try
        {
            return new FileStream(PathOf(kind, key), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether the bytes of an entry are on disk.</summary>
    public bool Exists(EntryKind kind, string key) => File.Exists(PathOf(kind, key));

    /// <summary>Deletes stored bytes (nothing when they are gone already).</summary>
    public void Delete(EntryKind kind, string key)
    {
        try
        {
            File.Delete(PathOf(kind, key));
        }
        catch (IOException)
        {
            // A reader on a system that locks open files; the next sweep cannot see the row any more, so say nothing.
        }
    }

    /// <summary>Keys are checked before they get here: a file ID is base64url, a chunk hash lowercase hex.</summary>
    private string PathOf(EntryKind kind, string key) => kind == EntryKind.File
        ? System.IO.Path.Combine(_files, key)
        : System.IO.Path.Combine(_chunks, key[..2], key);
}
