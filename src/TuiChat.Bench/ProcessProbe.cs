using System.Globalization;

namespace TuiChat.Bench;

/// <summary>
/// Reads other processes' memory, CPU time and thread count from /proc (Linux), summed over the
/// processes (the nodes of a cluster). Every reading is null when there are none, one is unknown
/// or /proc is missing, so a bench without --server-pid simply reports no server figures.
/// </summary>
internal sealed class ProcessProbe(IReadOnlyList<int> pids)
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux.
    private const double ClockTicksPerSecond = 100.0;

    /// <summary>Resident set size in KiB (VmRSS).</summary>
    public long? RssKiB() => Sum(pid => StatusField(pid, "VmRSS:"));

    /// <summary>Peak resident set size in KiB (VmHWM; over several processes, the sum of their peaks).</summary>
    public long? PeakRssKiB() => Sum(pid => StatusField(pid, "VmHWM:"));

    public long? Threads() => Sum(pid => StatusField(pid, "Threads:"));

    /// <summary>User plus system CPU seconds used so far.</summary>
    public double? CpuSeconds() => Sum(CpuTicks) / ClockTicksPerSecond;

    private static long? CpuTicks(int pid)
    {
        string? stat = Read(pid, "stat");
        if (stat is null)
        {
            return null;
        }
        // The command name is in parentheses and may contain spaces; fields follow the last ')'.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private long? Sum(Func<int, long?> reading)
    {
        long sum = 0;
        foreach (int pid in pids)
        {
            if (reading(pid) is not { } value)
            {
                return null;
            }
            sum += value;
        }
        return pids.Count > 0 ? sum : null;
    }

    private static long? StatusField(int pid, string name)
    {
        string? status = Read(pid, "status");
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

    private static string? Read(int pid, string file)
    {
        if (pid <= 0)
        {
            return null;
        }
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
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
