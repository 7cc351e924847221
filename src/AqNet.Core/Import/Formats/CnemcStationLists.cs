using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>CNEMC station lists, recognised by their header: NewSiteList.csv (GB18030; 监测点编码, 监测点名称, 城市,
/// 经度, 纬度, 对照点, 省级行政区, 地级行政区; blank coordinates allowed; stopped stations keep their row, marked in the
/// name) or the older station_info.csv (UTF-8; ID, stations_name, stations_en_name, area, area_en_name, lon, lat).
/// A list of another layout is read with <c>--station-columns</c>.</summary>
internal static class CnemcStationLists
{
    public static readonly string[] Names = ["NewSiteList.csv", "station_info.csv"];   // the current list first, the older one after

    private static readonly StationColumns NewSiteList = new() { Id = "监测点编码", Name = "监测点名称", City = "城市", Longitude = "经度", Latitude = "纬度", Province = "省级行政区", Type = "对照点" };
    private static readonly StationColumns StationInfo = new() { Id = "ID", Name = "stations_name", City = "area", Longitude = "lon", Latitude = "lat" };

    /// <summary>A recognised list is read by its own names; <paramref name="mapping"/> names the columns of any other
    /// list (keys it does not give: station, longitude, latitude).</summary>
    public static List<Station> Read(string path, StationColumns? mapping)
    {
        var t = TextTable.Read(path);
        var columns = t.TryColumn("监测点编码") >= 0 ? NewSiteList
            : t.TryColumn("ID") >= 0 && t.TryColumn("stations_name") >= 0 ? StationInfo
            : mapping?.Over(StationColumns.Plain)
            ?? throw new InputException($"{path}, line 1: header {ImportContext.Columns(t.Header, ',')} is neither NewSiteList.csv (监测点编码,监测点名称,城市,经度,纬度,...) nor station_info.csv (ID,stations_name,...,lon,lat); name its columns with --station-columns id=...,lon=...,lat=...");
        var rows = StationTable.Read(t, columns, ReferenceEquals(columns, NewSiteList) || ReferenceEquals(columns, StationInfo) ? null : mapping);
        // 对照点 (control point) Y marks a background station
        return ReferenceEquals(columns, NewSiteList) ? [.. rows.Select(s => s with { Type = s.Type == "Y" ? "background" : null })] : rows;
    }
}
