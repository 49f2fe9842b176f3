using System.Globalization;

namespace TuiChat.Client.Core.Text;

/// <summary>Human file sizes: "512 B", "3.4 KB", "2.1 MB", "1.0 GB" (powers of 1024).</summary>
public static class SizeText
{
    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }
        string[] units = ["KB", "MB", "GB", "TB"];
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
