using System.Globalization;
using System.Text;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Files;

/// <summary>
/// Chooses where a downloaded file goes. Whatever a name says, the result is a plain file name
/// inside the downloads folder: path parts are stripped, "." and ".." are refused, leading dots
/// (hidden files such as ".bashrc") and characters no file system accepts are removed, and an
/// existing file is never overwritten (a suffix "name(1).ext" is added instead).
/// </summary>
public static class DownloadNames
{
    private const int MaxNameLength = 200;

    /// <summary>
    /// "sender_name" for a direct file, "room_sender_name" (room without its prefix) for a room or group.
    /// </summary>
    public static string DefaultName(FileOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        string name = Sanitize(offer.Name);
        string prefix = NameRules.IsRoomName(offer.To) ? offer.To[1..] + "_" + offer.From : offer.From;
        return Sanitize(prefix + "_" + name);
    }

    /// <summary>
    /// Reduces <paramref name="name"/> to a safe base name. Throws <see cref="ArgumentException"/>
    /// when nothing usable is left (empty, ".", "..").
    /// </summary>
    public static string Sanitize(string? name)
    {
        string last = (name ?? "").Split('/', '\\')[^1].Trim();
        if (last is "" or "." or "..")
        {
            throw new ArgumentException($"\"{name}\" is not a file name");
        }

        var builder = new StringBuilder(last.Length);
        foreach (char c in last)
        {
            builder.Append(NameRules.IsControl(c) || c is ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }
        string clean = builder.ToString().TrimStart('.', ' ').TrimEnd('.', ' ');
        if (clean.Length == 0)
        {
            throw new ArgumentException($"\"{name}\" is not a file name");
        }
        if (clean.Length > MaxNameLength)
        {
            string extension = Path.GetExtension(clean);
            extension = extension.Length > 16 ? "" : extension;
            clean = clean[..(MaxNameLength - extension.Length)] + extension;
        }
        return clean;
    }

    /// <summary>
    /// The full path of <paramref name="name"/> in <paramref name="folder"/>, or of "name(1).ext",
    /// "name(2).ext", … when taken. Throws if the result would not be directly inside the folder.
    /// </summary>
    public static string FreePath(string folder, string name)
    {
        string root = Path.GetFullPath(folder);
        string safe = Sanitize(name);
        string stem = Path.GetFileNameWithoutExtension(safe);
        string extension = Path.GetExtension(safe);
        for (int attempt = 0; ; attempt++)
        {
            string candidate = attempt == 0 ? safe : string.Create(CultureInfo.InvariantCulture, $"{stem}({attempt}){extension}");
            string path = Path.GetFullPath(Path.Combine(root, candidate));
            if (!string.Equals(Path.GetDirectoryName(path), root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                throw new ArgumentException($"\"{name}\" would be saved outside the downloads folder");
            }
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                return path;
            }
        }
    }
}
