namespace Wisp.Testing;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wisp-tests", Guid.NewGuid().ToString("N"));
    }

    /// <summary>The directory's path (not created: the node creates its data directory itself, mode 0700).</summary>
    public string Path { get; }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing its files; the temp folder is cleaned by the system eventually.
        }
    }
}
