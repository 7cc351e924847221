using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>CNEMC station lists, recognised by their header: NewSiteList.csv (GB18030; 监测点编码, 监测点名称, 城市,
/// 经度, 纬度, 对照点, 省级行政区, 地级行政区; blank coordinates allowed; stopped stations keep their row, marked in the
/// name) or the older station_info.csv (UTF-8; ID, stations_name, stations_en_name, area, area_en_name, lon, lat).
/// A code listed twice keeps its first row.</summary>
internal static class CnemcStationLists
{
    public static Dictionary<string, Station> Read(string path)
    {
        var t = TextTable.Read(path);
        ImportContext.CheckDelimiter(path, t.Header, ',');
        int code, name, lon, lat, city, province = -1, background = -1;
        if (t.TryColumn("监测点编码") >= 0)
        {
            code = t.Column("监测点编码"); name = t.Column("监测点名称"); city = t.Column("城市");
            lon = t.Column("经度"); lat = t.Column("纬度"); province = t.TryColumn("省级行政区"); background = t.TryColumn("对照点");
        }
        else if (t.TryColumn("ID") >= 0 && t.TryColumn("stations_name") >= 0)
        {
            code = t.Column("ID"); name = t.Column("stations_name"); city = t.Column("area"); lon = t.Column("lon"); lat = t.Column("lat");
        }
        else throw new InputException($"{path}, line 1: header {string.Join(",", t.Header)} is neither NewSiteList.csv (监测点编码,监测点名称,城市,经度,纬度,...) nor station_info.csv (ID,stations_name,...,lon,lat)");
        var d = new Dictionary<string, Station>(StringComparer.Ordinal);
        foreach (var (line, c) in t.Rows)
        {
            var id = c[code].Trim();
            if (id.Length == 0) throw new InputException($"{path}, line {line}, column {code + 1}: empty station code");
            double? x = t.Coordinate(line, c, lon), y = t.Coordinate(line, c, lat);
            Station.ValidateCoordinates(id, x, y, $"{path}, line {line}");
            var type = background >= 0 && c[background].Trim() == "Y" ? "background" : null;
            d.TryAdd(id, new Station(id, c[name].Trim(), x, y, c[city].Trim(), province >= 0 ? c[province].Trim() : null, type));
        }
        return d;
    }
}
