namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// Finds the built server and client next to this test assembly's build: the repository root
/// is the folder holding TuiChat.sln above the test's bin folder, and the configuration
/// (Debug/Release) is the one this test assembly was built with.
/// </summary>
internal static class RepoLayout
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string ServerDll => Built("TuiChat.Server", "tuichat-server.dll");

    public static string ClientDll => Built("TuiChat.Client", "tuichat.dll");

    private static string Built(string project, string dll)
    {
        string path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", dll);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{dll} is not built; the test project references {project}, so build the tests first", path);
        }
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TuiChat.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("TuiChat.sln not found above " + AppContext.BaseDirectory);
    }
}
