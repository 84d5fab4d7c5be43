#pragma once
// The canvas's items (UI.md "Canvas"), one header for the scene and the view.

#include "topology/DatacenterItem.h"
#include "topology/DeviceGroupItem.h"
#include "topology/KeyedItem.h"
#include "topology/LinkHandleItem.h"
#include "topology/LinkItem.h"
#include "topology/NodeItem.h"
