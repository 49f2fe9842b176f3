using System.Globalization;

namespace TuiChat.Bench;

/// <summary>
/// Reads another process's memory, CPU time and thread count from /proc (Linux). Every reading
/// is null when the process is unknown or /proc is missing, so a bench without --server-pid
/// simply reports no server figures.
/// </summary>
internal sealed class ProcessProbe(int pid)
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux.
    private const double ClockTicksPerSecond = 100.0;

    public int Pid { get; } = pid;

    /// <summary>Resident set size in KiB (VmRSS).</summary>
    public long? RssKiB() => StatusField("VmRSS:");

    /// <summary>Peak resident set size in KiB (VmHWM).</summary>
    public long? PeakRssKiB() => StatusField("VmHWM:");

    public long? Threads() => StatusField("Threads:");

    /// <summary>User plus system CPU seconds used so far.</summary>
    public double? CpuSeconds()
    {
        string? stat = Read("stat");
        if (stat is null)
        {
            return null;
        }
        // The command name is in parentheses and may contain spaces; fields follow the last ')'.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture))
            / ClockTicksPerSecond;
    }

    private long? StatusField(string name)
    {
        string? status = Read("status");
        if (status is null)
        {
            return null;
        }
        foreach (string line in status.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                string value = line[name.Length..].Trim();
                int space = value.IndexOf(' ', StringComparison.Ordinal);
                return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    private string? Read(string file)
    {
        if (Pid <= 0)
        {
            return null;
        }
        try
        {
            return File.ReadAllText($"/proc/{Pid}/{file}");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
