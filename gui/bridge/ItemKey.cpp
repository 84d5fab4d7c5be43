#include "bridge/ItemKey.h"

#include <QStringList>

namespace {

// -1 unless the token is a plain array index.
int indexToken(const QString& token) {
  bool ok = false;
  const int value = token.toInt(&ok);
  return ok && value >= 0 ? value : -1;
}

}  // namespace

ItemKey ItemKey::fromPointer(const std::string& pointer) {
  const QStringList tokens = QString::fromStdString(pointer).split('/', Qt::SkipEmptyParts);
  ItemKey key;
  if (tokens.size() >= 2 && tokens[0] == QLatin1String("links")) {
    const int link = indexToken(tokens[1]);
    return link >= 0 ? wanLink(link) : key;
  }
  if (tokens.size() < 2 || tokens[0] != QLatin1String("datacenters")) return key;
  const int dc = indexToken(tokens[1]);
  if (dc < 0) return key;
  key = datacenter(dc);
  if (tokens.size() < 4 || tokens[2] != QLatin1String("nodes")) return key;
  const int node = indexToken(tokens[3]);
  if (node < 0) return key;
  key = nodeOf(dc, node);
  if (tokens.size() < 6 || tokens[4] != QLatin1String("devices")) return key;
  const int group = indexToken(tokens[5]);
  return group >= 0 ? deviceGroup(dc, node, group) : key;
}

QString ItemKey::pointer() const {
  switch (kind) {
    case Kind::Datacenter: return QStringLiteral("/datacenters/%1").arg(dc);
    case Kind::Node: return QStringLiteral("/datacenters/%1/nodes/%2").arg(dc).arg(node);
    case Kind::DeviceGroup: return QStringLiteral("/datacenters/%1/nodes/%2/devices/%3").arg(dc).arg(node).arg(group);
    case Kind::Link: return QStringLiteral("/links/%1").arg(link);
    case Kind::None: break;
  }
  return QString();
}
