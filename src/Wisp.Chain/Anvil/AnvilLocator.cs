using System.Runtime.InteropServices;

namespace Wisp.Chain.Anvil;

/// <summary>
/// Finds the <c>anvil</c> binary that the npm package <c>@foundry-rs/anvil</c> installs (its per-platform package
/// <c>@foundry-rs/anvil-OS-ARCH</c> carries the binary). Looked for, in order: the <c>WISP_ANVIL</c> environment
/// variable; <c>node_modules</c> in the current folder, the program's folder, their parents, and the repository's
/// <c>src/Wisp.Chain/contracts</c> below each of those; then <c>anvil</c> on <c>PATH</c>.
/// </summary>
public static class AnvilLocator
{
    /// <summary>The environment variable that names the anvil binary explicitly.</summary>
    public const string EnvironmentVariable = "WISP_ANVIL";

    /// <summary>What to tell a user who has no anvil.</summary>
    public const string InstallHint =
        "install it with `npm ci` in src/Wisp.Chain/contracts (the npm package @foundry-rs/anvil, as .ci/run and the README's setup do), " +
        "or set " + EnvironmentVariable + " to the anvil binary";

    /// <summary>The anvil binary's full path, or null when none is installed.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } named)
            return File.Exists(named) ? Path.GetFullPath(named) : null;
        var relative = Path.Combine("node_modules", "@foundry-rs", $"anvil-{Platform()}", "bin", BinaryName());
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(folder.FullName, relative), Path.Combine(folder.FullName, "src", "Wisp.Chain", "contracts", relative) })
                {
                    if (File.Exists(candidate))
                        return candidate;
                }
            }
        }
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, BinaryName());
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>The anvil binary's full path.</summary>
    /// <exception cref="ChainException">No anvil is installed; the message says how to install it.</exception>
    public static string Require() =>
        Find() ?? throw new ChainException($"anvil (the local EVM chain) was not found: {InstallHint}.");

    private static string BinaryName() => OperatingSystem.IsWindows() ? "anvil.exe" : "anvil";

    // The npm package's own names: linux/darwin/win32 and amd64/arm64.
    private static string Platform()
    {
        var os = OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        var arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
        return $"{os}-{arch}";
    }
}
