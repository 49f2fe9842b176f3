using System.Text;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Encryption;

/// <summary>
/// Where one account's key file and pinned contacts live:
/// <c>$XDG_DATA_HOME/tuichat/keys/&lt;host&gt;_&lt;port&gt;/</c> (default <c>~/.local/share</c>), as
/// <c>&lt;user&gt;.key</c> and <c>&lt;user&gt;.pins.json</c>. The folder is made owner-only (0700)
/// and each file 0600.
/// </summary>
public sealed class KeyFolder
{
    public KeyFolder(string folder, string user)
    {
        Folder = folder;
        string name = NameRules.Key(user);
        KeyFilePath = Path.Combine(folder, name + ".key");
        PinsPath = Path.Combine(folder, name + ".pins.json");
    }

    public string Folder { get; }

    public string KeyFilePath { get; }

    public string PinsPath { get; }

    /// <summary>The folder for an account on <paramref name="host"/>:<paramref name="port"/>, honouring XDG_DATA_HOME.</summary>
    public static KeyFolder For(string host, int port, string user)
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        string data = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            // DoNotVerify: for a home that does not exist yet the default is "", and the private
            // key would have gone under whatever folder the client was started in.
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify), ".local", "share");
        var server = new StringBuilder();
        foreach (char c in host.ToLowerInvariant())
        {
            server.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }
        server.Append('_').Append(port);
        return new KeyFolder(Path.Combine(data, "tuichat", "keys", server.ToString()), user);
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> readable by the owner only, replacing it atomically.</summary>
    internal void WriteOwnerOnly(string path, byte[] content)
    {
        Directory.CreateDirectory(Folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        string temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
