namespace TuiChat.Client.Tests.Menu;

/// <summary>
/// The real server and client builds: the repository root is the folder with TuiChat.sln above
/// this test assembly, and the configuration is the one the tests were built with. The test
/// project references both projects, so building the tests builds them.
/// </summary>
internal static class BuiltBinaries
{
    public static string ServerDll => Find("TuiChat.Server", "tuichat-server.dll");

    public static string ClientDll => Find("TuiChat.Client", "tuichat.dll");

    private static string Find(string project, string dll)
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TuiChat.sln")))
            {
                string path = Path.Combine(dir.FullName, "src", project, "bin", configuration, "net10.0", dll);
                return File.Exists(path) ? path : throw new FileNotFoundException($"{dll} is not built", path);
            }
        }
        throw new InvalidOperationException("TuiChat.sln not found above " + AppContext.BaseDirectory);
    }
}
