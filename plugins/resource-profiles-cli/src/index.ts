console.log('resource-profiles scan: not implemented yet');
